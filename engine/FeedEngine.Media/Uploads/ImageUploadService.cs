using System.Security.Cryptography;
using FeedEngine.Storage;
using FeedEngine.Storage.Images;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Memory;
using static FeedEngine.Media.Uploads.ImageUploadFailureKind;

namespace FeedEngine.Media.Uploads;

/// <summary>
/// The one way an image enters FeedEngine (an upload, a card import's avatar, a campaign creative). In order:
/// a byte limit while reading, the format from magic bytes, a complete container, the header's size against the
/// pixel limits, and only then a decode (a bounded number at once) of the first frame with PNG, JPEG and WebP
/// decoders only; the picture is turned upright, stripped of metadata, re-encoded into its variants and stored
/// once per content hash. A refused file stores nothing.
/// </summary>
public sealed class ImageUploadService : IDisposable
{
    readonly IImageRepository images;
    readonly ImageUploadOptions options;
    readonly ILogger<ImageUploadService> logger;
    readonly TimeProvider time;
    readonly ImageTranscoder transcoder;
    readonly SemaphoreSlim decodeSlots;

    public ImageUploadService(IImageRepository images, IOptions<ImageUploadOptions> options, ILogger<ImageUploadService> logger, TimeProvider time)
    {
        this.images = images;
        this.options = options.Value;
        this.logger = logger;
        this.time = time;
        transcoder = new ImageTranscoder(this.options);
        decodeSlots = new SemaphoreSlim(this.options.MaxConcurrentDecodes, this.options.MaxConcurrentDecodes);
    }

    /// <summary>Checks, re-encodes and stores an image read from <paramref name="content"/> for <paramref name="ownerId"/>.</summary>
    /// <remarks>Reads at most <see cref="ImageUploadOptions.MaxBytes"/> + 1 bytes; the caller owns the stream.</remarks>
    public async Task<ImageUploadResult> UploadAsync(Stream content, string ownerId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentException.ThrowIfNullOrWhiteSpace(ownerId);
        var started = time.GetTimestamp();

        var data = await ReadAtMostAsync(content, options.MaxBytes, cancellationToken);
        if (data is not { } bytes)
            return Refuse(ownerId, TooLarge,
                $"The file is larger than {Megabytes(options.MaxBytes)}. Upload an image of at most {Megabytes(options.MaxBytes)}: a smaller size or a lower quality setting when exporting will do.");
        if (bytes.IsEmpty)
            return Refuse(ownerId, Malformed, "The file is empty (0 bytes). Choose the image again and upload it.");
        if (!ImageSniffer.TrySniff(bytes.Span, out var format, out var refusal))
            return Refuse(ownerId, UnsupportedFormat, refusal);
        if (ImageContainer.Check(format, bytes.Span) is { } damaged)
            return Refuse(ownerId, damaged.Kind, damaged.Message);

        IImageInfo? header;
        try
        {
            header = transcoder.Identify(bytes);
        }
        catch (Exception e) when (IsDecoderFailure(e))
        {
            UploadLog.DecoderFailed(logger, format, e);
            header = null;
        }
        if (header is null || header.Width < 1 || header.Height < 1)
            return Refuse(ownerId, Malformed, Unreadable(format));
        if (PixelLimitMessage(header.Width, header.Height) is { } tooLarge)
            return Refuse(ownerId, TooLarge, tooLarge);

        (int Width, int Height, IReadOnlyList<EncodedVariant> Variants) rendered;
        await decodeSlots.WaitAsync(cancellationToken);
        try
        {
            rendered = transcoder.Render(bytes);
        }
        catch (Exception e) when (IsDecoderFailure(e))
        {
            UploadLog.DecoderFailed(logger, format, e);
            return Refuse(ownerId, Malformed, Unreadable(format));
        }
        finally
        {
            decodeSlots.Release();
        }

        return await StoreAsync(ownerId, rendered.Width, rendered.Height, rendered.Variants, started, cancellationToken);
    }

    async Task<ImageUploadResult> StoreAsync(string ownerId, int width, int height, IReadOnlyList<EncodedVariant> variants, long started, CancellationToken cancellationToken)
    {
        var full = variants.Single(v => v.Name == ImageVariantNames.Full);
        var hash = Convert.ToHexStringLower(SHA256.HashData(full.Bytes));
        if (await images.FindByHashAsync(hash, cancellationToken) is { } existing)
            return Deduplicated(existing, ownerId);

        var image = new ImageDocument
        {
            Id = DocumentIds.New(),
            OwnerId = ownerId,
            ContentHash = hash,
            Width = width,
            Height = height,
            Variants = [.. variants.Select(v => new ImageVariant { Name = v.Name, ContentType = v.ContentType, Width = v.Width, Height = v.Height, Length = v.Bytes.LongLength })],
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        var outcome = await images.InsertAsync(image, variants.ToDictionary(v => v.Name, v => v.Bytes), cancellationToken);
        if (outcome == WriteOutcome.Duplicate)
        {
            // The same picture was stored by a concurrent upload between the lookup and the insert.
            existing = await images.FindByHashAsync(hash, cancellationToken)
                ?? throw new InvalidOperationException($"Image {image.Id} was refused as a duplicate, but no image has its content hash.");
            return Deduplicated(existing, ownerId);
        }
        if (outcome != WriteOutcome.Ok) throw new InvalidOperationException($"Storing image {image.Id} ended with {outcome}.");

        UploadLog.ImageStored(logger, image.Id, ownerId, width, height, variants.Sum(v => v.Bytes.LongLength), time.GetElapsedTime(started).TotalMilliseconds);
        return ImageUploadResult.Stored(image);
    }

    ImageUploadResult Deduplicated(ImageDocument existing, string ownerId)
    {
        UploadLog.ImageDeduplicated(logger, existing.Id, ownerId);
        return ImageUploadResult.Duplicate(existing);
    }

    ImageUploadResult Refuse(string ownerId, ImageUploadFailureKind kind, string message)
    {
        UploadLog.UploadRefused(logger, kind, ownerId, message);
        return ImageUploadResult.Refused(kind, message);
    }

    string? PixelLimitMessage(int width, int height)
    {
        var pixels = (long)width * height;
        if (pixels <= options.MaxPixels && width <= options.MaxWidth && height <= options.MaxHeight) return null;
        return $"The image is {width:N0} x {height:N0} pixels ({pixels / 1e6:0.#} megapixels). FeedEngine accepts images of at most " +
               $"{options.MaxPixels / 1e6:0.#} megapixels and {options.MaxWidth:N0} x {options.MaxHeight:N0} pixels: resize it and upload it again.";
    }

    static string Unreadable(UploadFormat format) =>
        $"The file starts like a {NameOf(format)} image but its contents cannot be read. Save or export the image again and upload it.";

    static string NameOf(UploadFormat format) => format switch
    {
        UploadFormat.Png => "PNG",
        UploadFormat.Jpeg => "JPEG",
        _ => "WebP",
    };

    static string Megabytes(long bytes) => $"{bytes / 1024d / 1024d:0.#} MB";

    /// <summary>
    /// What ImageSharp throws on crafted or damaged data: its own format and memory exceptions, and the argument, index
    /// and arithmetic errors a parser hits on impossible values. The file is at fault, not the server.
    /// </summary>
    internal static bool IsDecoderFailure(Exception e) => e is ImageFormatException or InvalidMemoryOperationException or NotSupportedException
        or ArgumentException or IndexOutOfRangeException or InvalidOperationException or OverflowException or DivideByZeroException
        or EndOfStreamException;

    /// <summary>The content, or null when it is longer than <paramref name="maxBytes"/>. Stops reading at the limit.</summary>
    static async Task<ReadOnlyMemory<byte>?> ReadAtMostAsync(Stream content, long maxBytes, CancellationToken cancellationToken)
    {
        var remaining = content.CanSeek ? content.Length - content.Position : -1;
        if (remaining > maxBytes) return null;

        var buffer = new MemoryStream(remaining >= 0 ? (int)remaining : 256 * 1024);
        var chunk = new byte[81_920];
        int read;
        while ((read = await content.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes) return null;
            buffer.Write(chunk, 0, read);
        }
        return new ReadOnlyMemory<byte>(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    public void Dispose() => decodeSlots.Dispose();
}
