namespace FeedEngine.Storage.Images;

/// <summary>An image that passed the upload pipeline. Id: an unguessable random id, used in public URLs.</summary>
public sealed class ImageDocument
{
    public string Id { get; set; } = "";
    public string OwnerId { get; set; } = "";

    /// <summary>Unique: the SHA-256 of the re-encoded full variant, so the same picture is stored once.</summary>
    public string ContentHash { get; set; } = "";

    public int Width { get; set; }
    public int Height { get; set; }
    public List<ImageVariant> Variants { get; set; } = [];
    public DateTime CreatedAt { get; set; }

    /// <summary>True when a model made the picture: clients show an "AI-generated" badge, and the files carry the note too.</summary>
    public bool AiGenerated { get; set; }

    /// <summary>How a generated image was made (null for uploads); its <see cref="ImageGeneration.CacheKey"/> finds it again.</summary>
    public ImageGeneration? Generation { get; set; }
}

/// <summary>The recipe of a generated image: the same recipe on the same model gives the same picture.</summary>
public sealed class ImageGeneration
{
    /// <summary>A hash of (prompt, seed, size, steps, model): a request with the same recipe is served this image.</summary>
    public string CacheKey { get; set; } = "";

    public string Model { get; set; } = "";
    public string Prompt { get; set; } = "";
    public long Seed { get; set; }
    public int Steps { get; set; }

    /// <summary>The post and style the image was drawn for, when it was drawn in a conversation.</summary>
    public string? PostId { get; set; }

    public string? Style { get; set; }
}

/// <summary>One stored rendition of an image (thumbnail, card, full).</summary>
public sealed class ImageVariant
{
    public string Name { get; set; } = "";
    public string ContentType { get; set; } = "";
    public int Width { get; set; }
    public int Height { get; set; }
    public long Length { get; set; }
}

/// <summary>The bytes of one variant, opened for reading.</summary>
public sealed record ImageContent(Stream Stream, string ContentType, long Length);

public interface IImageRepository
{
    /// <summary>
    /// Stores the metadata and the bytes of each variant (named as in <see cref="ImageDocument.Variants"/>).
    /// <see cref="WriteOutcome.Duplicate"/> when an image with the same content hash exists; nothing new is stored.
    /// </summary>
    Task<WriteOutcome> InsertAsync(ImageDocument image, IReadOnlyDictionary<string, byte[]> variantBytes, CancellationToken cancellationToken = default);

    Task<ImageDocument?> FindAsync(string imageId, CancellationToken cancellationToken = default);

    Task<ImageDocument?> FindByHashAsync(string contentHash, CancellationToken cancellationToken = default);

    /// <summary>The earliest generated image with this <see cref="ImageGeneration.CacheKey"/>; null when none was stored.</summary>
    Task<ImageDocument?> FindByGenerationKeyAsync(string cacheKey, CancellationToken cancellationToken = default);

    /// <summary>Opens one variant's bytes; null when the image or the variant does not exist.</summary>
    Task<ImageContent?> OpenVariantAsync(string imageId, string variantName, CancellationToken cancellationToken = default);
}
