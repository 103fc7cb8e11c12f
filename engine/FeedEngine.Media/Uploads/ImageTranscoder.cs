using System.Runtime.InteropServices;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.Memory;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.Processing;

namespace FeedEngine.Media.Uploads;

/// <summary>One re-encoded rendition, ready to store.</summary>
public sealed record EncodedVariant(string Name, int Width, int Height, string ContentType, byte[] Bytes);

/// <summary>The ImageSharp half of the pipeline: identify, decode one frame, orient, strip metadata, resize, re-encode.</summary>
sealed class ImageTranscoder
{
    readonly ImageUploadOptions options;
    readonly Configuration configuration;
    readonly IImageEncoder encoder;
    readonly string contentType;

    public ImageTranscoder(ImageUploadOptions options)
    {
        this.options = options;

        // Only the three accepted formats can be detected or decoded: GIF, TIFF, BMP and the rest have no decoder here.
        configuration = new Configuration(new PngConfigurationModule(), new JpegConfigurationModule(), new WebpConfigurationModule())
        {
            MemoryAllocator = MemoryAllocator.Create(new MemoryAllocatorOptions
            {
                MaximumPoolSizeMegabytes = options.MemoryPoolMegabytes,
                // Defence in depth behind the pixel limit: no single buffer beyond MaxPixels at 8 bytes a pixel (Rgba64).
                AllocationLimitMegabytes = (int)Math.Min(int.MaxValue, options.MaxPixels * 8 / (1024 * 1024) + 16),
            }),
        };
        // ImageSharp 2.x inflates PNG zTXt/iTXt text chunks without a bound while reading metadata: never read them.
        // WebP metadata is not needed either. JPEG metadata is read for the EXIF orientation (segments are at most
        // 64 KB) and removed before anything is encoded.
        configuration.ImageFormatsManager.SetDecoder(PngFormat.Instance, new PngDecoder { IgnoreMetadata = true });
        configuration.ImageFormatsManager.SetDecoder(WebpFormat.Instance, new WebpDecoder { IgnoreMetadata = true });
        configuration.ImageFormatsManager.SetDecoder(JpegFormat.Instance, new JpegDecoder { IgnoreMetadata = false });

        (encoder, contentType) = options.OutputFormat == ImageOutputFormat.Jpeg
            ? ((IImageEncoder)new JpegEncoder { Quality = options.Quality }, "image/jpeg")
            : (new WebpEncoder { FileFormat = WebpFileFormatType.Lossy, Quality = options.Quality, Method = (WebpEncodingMethod)options.WebPEffort }, "image/webp");
    }

    /// <summary>Reads the header only: dimensions without decoding. Null when no accepted decoder recognises the data.</summary>
    public IImageInfo? Identify(ReadOnlyMemory<byte> data)
    {
        using var stream = StreamOver(data);
        return Image.Identify(configuration, stream, out _);
    }

    /// <summary>Decodes the first frame and renders the full, card and thumbnail variants, largest first.</summary>
    public (int Width, int Height, IReadOnlyList<EncodedVariant> Variants) Render(ReadOnlyMemory<byte> data) => Render(data, encoder, contentType);

    /// <summary>As <see cref="Render(ReadOnlyMemory{byte})"/>, in another output format (generated pictures are kept as PNG).</summary>
    public (int Width, int Height, IReadOnlyList<EncodedVariant> Variants) Render(ReadOnlyMemory<byte> data, IImageEncoder encoder, string contentType)
    {
        using var image = Image.Load(configuration, data.Span);
        while (image.Frames.Count > 1) image.Frames.RemoveFrame(image.Frames.Count - 1);

        // The size as uploaded, upright: EXIF orientations 5 to 8 turn the picture a quarter.
        var turned = image.Metadata.ExifProfile?.GetValue(ExifTag.Orientation)?.Value is >= 5 and <= 8;
        var (sourceWidth, sourceHeight) = turned ? (image.Height, image.Width) : (image.Width, image.Height);

        // Shrinking first keeps the orientation step small; the long edge is the same either way round.
        var (fullWidth, fullHeight) = Fit(image.Width, image.Height, options.FullSize);
        if (fullWidth != image.Width || fullHeight != image.Height) image.Mutate(x => x.Resize(fullWidth, fullHeight));
        image.Mutate(x => x.AutoOrient());
        StripMetadata(image);
        // JPEG has no alpha: transparent pixels would show whatever colour they hide. Opaque pixels are unchanged.
        if (encoder is JpegEncoder) image.Mutate(x => x.BackgroundColor(Color.White));

        var variants = new List<EncodedVariant> { Encode(ImageVariantNames.Full, image, encoder, contentType) };
        var (cardWidth, cardHeight) = Fit(image.Width, image.Height, options.CardSize);
        using var card = image.Clone(x => x.Resize(cardWidth, cardHeight));
        variants.Add(Encode(ImageVariantNames.Card, card, encoder, contentType));
        var (thumbnailWidth, thumbnailHeight) = Fit(card.Width, card.Height, options.ThumbnailSize);
        using var thumbnail = card.Clone(x => x.Resize(thumbnailWidth, thumbnailHeight));
        variants.Add(Encode(ImageVariantNames.Thumbnail, thumbnail, encoder, contentType));
        return (sourceWidth, sourceHeight, variants);
    }

    static EncodedVariant Encode(string name, Image image, IImageEncoder encoder, string contentType)
    {
        using var output = new MemoryStream();
        image.Save(output, encoder);
        return new EncodedVariant(name, image.Width, image.Height, contentType, output.ToArray());
    }

    static MemoryStream StreamOver(ReadOnlyMemory<byte> data) => MemoryMarshal.TryGetArray(data, out var segment)
        ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
        : new MemoryStream(data.ToArray(), writable: false);

    /// <summary>Scales so the long edge is at most <paramref name="longEdge"/>; never enlarges.</summary>
    internal static (int Width, int Height) Fit(int width, int height, int longEdge)
    {
        var longest = Math.Max(width, height);
        if (longest <= longEdge) return (width, height);
        var scale = (double)longEdge / longest;
        return (Math.Max(1, (int)Math.Round(width * scale)), Math.Max(1, (int)Math.Round(height * scale)));
    }

    static void StripMetadata(Image image)
    {
        image.Metadata.ExifProfile = null;
        image.Metadata.IccProfile = null;
        image.Metadata.IptcProfile = null;
        image.Metadata.XmpProfile = null;
        foreach (var frame in image.Frames)
        {
            frame.Metadata.ExifProfile = null;
            frame.Metadata.IccProfile = null;
            frame.Metadata.IptcProfile = null;
            frame.Metadata.XmpProfile = null;
        }
    }
}
