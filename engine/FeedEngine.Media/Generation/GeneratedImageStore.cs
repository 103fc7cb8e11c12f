using System.Security.Cryptography;
using FeedEngine.Media.Uploads;
using FeedEngine.Storage;
using FeedEngine.Storage.Images;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SixLabors.ImageSharp.Formats.Png;
using static FeedEngine.Media.Uploads.ImageUploadFailureKind;

namespace FeedEngine.Media.Generation;

/// <summary>
/// Stores a model's picture the way uploads are stored, and labelled: the bytes pass the upload pipeline's checks (format
/// by magic bytes, a complete container, the pixel limits; a remote server's answer is untrusted input), are decoded
/// once, rendered into the full, card and thumbnail variants as PNG (generated pictures are kept lossless), each
/// variant carries the AI-generated note (<see cref="AiImageLabel"/>), and the document carries the badge flag and the
/// recipe. A refused picture stores nothing.
/// </summary>
public sealed partial class GeneratedImageStore : IDisposable
{
    static readonly PngEncoder Png = new() { ColorType = PngColorType.Rgb, BitDepth = PngBitDepth.Bit8, CompressionLevel = PngCompressionLevel.DefaultCompression };

    readonly IImageRepository images;
    readonly ImageUploadOptions limits;
    readonly TimeProvider time;
    readonly ILogger<GeneratedImageStore> logger;
    readonly ImageTranscoder transcoder;
    readonly SemaphoreSlim slots;

    public GeneratedImageStore(IImageRepository images, IOptions<ImageUploadOptions> limits, IOptions<SceneImageOptions> options, TimeProvider time, ILogger<GeneratedImageStore> logger)
    {
        this.images = images;
        this.limits = limits.Value;
        this.time = time;
        this.logger = logger;
        transcoder = new ImageTranscoder(this.limits);
        slots = new SemaphoreSlim(options.Value.MaxConcurrentStores, options.Value.MaxConcurrentStores);
    }

    /// <summary>Checks, labels and stores <paramref name="picture"/> for <paramref name="ownerId"/> with its <paramref name="recipe"/>.</summary>
    public async Task<ImageUploadResult> StoreAsync(ReadOnlyMemory<byte> picture, ImageGeneration recipe, string ownerId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        if (picture.Length > limits.MaxBytes)
            return Refuse(TooLarge, $"The model returned {picture.Length / 1024d / 1024d:0.#} MB; at most {limits.MaxBytes / 1024d / 1024d:0.#} MB are stored.");
        if (!ImageSniffer.TrySniff(picture.Span, out var format, out var refusal))
            return Refuse(UnsupportedFormat, $"The model's answer is not a picture FeedEngine stores: {refusal}");
        if (ImageContainer.Check(format, picture.Span) is { } damaged)
            return Refuse(damaged.Kind, $"The model's picture is damaged: {damaged.Message}");

        (int Width, int Height, IReadOnlyList<EncodedVariant> Variants) rendered;
        await slots.WaitAsync(cancellationToken);
        try
        {
            var header = transcoder.Identify(picture);
            if (header is null || header.Width < 1 || header.Height < 1)
                return Refuse(Malformed, "The model's picture cannot be read.");
            if ((long)header.Width * header.Height > limits.MaxPixels || header.Width > limits.MaxWidth || header.Height > limits.MaxHeight)
                return Refuse(TooLarge, $"The model's picture is {header.Width} x {header.Height} pixels, beyond the limits of stored images.");
            rendered = transcoder.Render(picture, Png, "image/png");
        }
        catch (Exception e) when (ImageUploadService.IsDecoderFailure(e))
        {
            return Refuse(Malformed, $"The model's picture cannot be read: {e.Message}");
        }
        finally
        {
            slots.Release();
        }

        var variants = rendered.Variants.Select(v => v with { Bytes = AiImageLabel.Apply(v.Bytes, recipe.Model) }).ToList();
        var full = variants.Single(v => v.Name == ImageVariantNames.Full);
        var hash = Convert.ToHexStringLower(SHA256.HashData(full.Bytes));
        if (await images.FindByHashAsync(hash, cancellationToken) is { } existing)
            return ImageUploadResult.Duplicate(existing);

        var image = new ImageDocument
        {
            Id = DocumentIds.New(),
            OwnerId = ownerId,
            ContentHash = hash,
            Width = rendered.Width,
            Height = rendered.Height,
            Variants = [.. variants.Select(v => new ImageVariant { Name = v.Name, ContentType = v.ContentType, Width = v.Width, Height = v.Height, Length = v.Bytes.LongLength })],
            CreatedAt = time.GetUtcNow().UtcDateTime,
            AiGenerated = true,
            Generation = recipe,
        };
        var outcome = await images.InsertAsync(image, variants.ToDictionary(v => v.Name, v => v.Bytes), cancellationToken);
        if (outcome == WriteOutcome.Duplicate && await images.FindByHashAsync(hash, cancellationToken) is { } raced)
            return ImageUploadResult.Duplicate(raced);
        if (outcome != WriteOutcome.Ok)
            throw new InvalidOperationException($"Storing generated image {image.Id} ended with {outcome}.");
        LogStored(logger, image.Id, recipe.Model, rendered.Width, rendered.Height, recipe.CacheKey);
        return ImageUploadResult.Stored(image);
    }

    public void Dispose() => slots.Dispose();

    ImageUploadResult Refuse(ImageUploadFailureKind kind, string message)
    {
        LogRefused(logger, kind, message);
        return ImageUploadResult.Refused(kind, message);
    }

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "Stored generated image {ImageId} ({Model}, {Width}x{Height}, recipe {CacheKey})")]
    static partial void LogStored(ILogger logger, string imageId, string model, int width, int height, string cacheKey);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Warning, Message = "Refused a generated picture ({Kind}): {Reason}")]
    static partial void LogRefused(ILogger logger, ImageUploadFailureKind kind, string reason);
}
