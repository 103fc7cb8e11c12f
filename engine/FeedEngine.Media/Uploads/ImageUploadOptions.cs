using System.ComponentModel.DataAnnotations;

namespace FeedEngine.Media.Uploads;

/// <summary>Limits and renditions of the image upload pipeline (section <c>Media</c>).</summary>
public sealed class ImageUploadOptions : IValidatableObject
{
    public const string SectionName = "Media";

    /// <summary>Room for the multipart boundaries and part headers around the file in an upload request.</summary>
    public const long MultipartOverheadBytes = 64 * 1024;

    /// <summary>The largest file accepted, in bytes. Checked before anything is decoded.</summary>
    [Range(1, 200L * 1024 * 1024)]
    public long MaxBytes { get; set; } = 15L * 1024 * 1024;

    /// <summary>The most pixels (width x height) an image may have; read from the header before decoding.</summary>
    [Range(1, 268_435_456)]
    public long MaxPixels { get; set; } = 40_000_000;

    [Range(1, 65_535)]
    public int MaxWidth { get; set; } = 16_384;

    [Range(1, 65_535)]
    public int MaxHeight { get; set; } = 16_384;

    /// <summary>Long edge of the thumbnail variant, in pixels.</summary>
    [Range(16, 8192)]
    public int ThumbnailSize { get; set; } = 160;

    /// <summary>Long edge of the feed card variant, in pixels.</summary>
    [Range(16, 8192)]
    public int CardSize { get; set; } = 640;

    /// <summary>Long edge of the full variant, in pixels.</summary>
    [Range(16, 8192)]
    public int FullSize { get; set; } = 1600;

    public ImageOutputFormat OutputFormat { get; set; } = ImageOutputFormat.WebP;

    /// <summary>Encoder quality, 1 (smallest) to 100 (best).</summary>
    [Range(1, 100)]
    public int Quality { get; set; } = 80;

    /// <summary>WebP encoder effort, 0 (fastest) to 6 (smallest files); 4 is the encoder's default.</summary>
    [Range(0, 6)]
    public int WebPEffort { get; set; } = 4;

    /// <summary>How many images may be decoded at once; each decode can hold <see cref="MaxPixels"/> x 4 bytes.</summary>
    [Range(1, 256)]
    public int MaxConcurrentDecodes { get; set; } = 2;

    /// <summary>The most memory ImageSharp keeps pooled between decodes, in megabytes.</summary>
    [Range(0, 4096)]
    public int MemoryPoolMegabytes { get; set; } = 64;

    /// <summary>Uploads one user (or guest) may make per minute through <c>POST /api/images</c>.</summary>
    [Range(1, 100_000)]
    public int UploadsPerMinute { get; set; } = 30;

    /// <summary>The request body limit of an upload: the file plus its multipart envelope.</summary>
    public long MaxRequestBytes => MaxBytes + MultipartOverheadBytes;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!(ThumbnailSize <= CardSize && CardSize <= FullSize))
            yield return new ValidationResult(
                $"Variant sizes must grow: {nameof(ThumbnailSize)} <= {nameof(CardSize)} <= {nameof(FullSize)}.",
                [nameof(ThumbnailSize), nameof(CardSize), nameof(FullSize)]);
        if (!Enum.IsDefined(OutputFormat))
            yield return new ValidationResult($"{nameof(OutputFormat)} must be WebP or Jpeg.", [nameof(OutputFormat)]);
    }
}

/// <summary>The format every stored variant is re-encoded to.</summary>
public enum ImageOutputFormat
{
    WebP,
    Jpeg,
}
