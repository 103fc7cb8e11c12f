using FeedEngine.Storage.Images;
using LiteDB;

namespace FeedEngine.Storage.Embedded;

/// <summary>Image metadata in LiteDB, bytes as files under <c>{data}/images/{id}/{variant}</c>.</summary>
sealed class EmbeddedImageRepository : IImageRepository
{
    readonly ILiteCollection<ImageDocument> images;
    readonly string root;
    readonly string staging;

    public EmbeddedImageRepository(EmbeddedDatabase database)
    {
        images = database.Collection<ImageDocument>("images");
        images.EnsureIndex(i => i.ContentHash, unique: true);
        images.EnsureIndex("generationKey", "$.generation.cacheKey");
        root = Path.Combine(database.DataDirectory, "images");
        // Beside, not inside, the images folder: every folder under images/ is one stored image.
        staging = Path.Combine(database.DataDirectory, "staging", "images");
        Directory.CreateDirectory(root);
        Directory.CreateDirectory(staging);
    }

    public async Task<WriteOutcome> InsertAsync(ImageDocument image, IReadOnlyDictionary<string, byte[]> variantBytes, CancellationToken cancellationToken = default)
    {
        ImageNames.Validate(image, variantBytes);
        // A cheap early answer for the common repeat upload; the unique index on contentHash decides races.
        if (images.FindOne(i => i.ContentHash == image.ContentHash) is not null) return WriteOutcome.Duplicate;

        // Bytes go to a private staging folder; one rename then claims {images}/{id}. An id that exists already
        // keeps its files (the rename fails on a non-empty folder), and the metadata insert publishes the folder or it is removed.
        var folder = FolderOf(image.Id);
        var staged = Path.Combine(staging, DocumentIds.New());
        Directory.CreateDirectory(staged);
        try
        {
            foreach (var variant in image.Variants)
                await File.WriteAllBytesAsync(Path.Combine(staged, variant.Name), variantBytes[variant.Name], cancellationToken);
            if (Directory.Exists(folder)) return WriteOutcome.Duplicate;
            try
            {
                Directory.Move(staged, folder);
            }
            catch (IOException) when (Directory.Exists(folder))
            {
                return WriteOutcome.Duplicate;
            }

            var outcome = EmbeddedDatabase.TryInsert(images, image);
            if (outcome != WriteOutcome.Ok) Directory.Delete(folder, recursive: true);
            return outcome;
        }
        finally
        {
            if (Directory.Exists(staged)) Directory.Delete(staged, recursive: true);
        }
    }

    public Task<ImageDocument?> FindAsync(string imageId, CancellationToken cancellationToken = default) =>
        Task.FromResult<ImageDocument?>(images.FindById(imageId));

    public Task<ImageDocument?> FindByHashAsync(string contentHash, CancellationToken cancellationToken = default) =>
        Task.FromResult<ImageDocument?>(images.FindOne(i => i.ContentHash == contentHash));

    public Task<ImageDocument?> FindByGenerationKeyAsync(string cacheKey, CancellationToken cancellationToken = default) =>
        Task.FromResult<ImageDocument?>(images.Find(Query.EQ("$.generation.cacheKey", cacheKey))
            .OrderBy(i => i.CreatedAt).ThenBy(i => i.Id, StringComparer.Ordinal).FirstOrDefault());

    public Task<ImageContent?> OpenVariantAsync(string imageId, string variantName, CancellationToken cancellationToken = default)
    {
        if (!ImageNames.IsSafe(imageId) || !ImageNames.IsSafe(variantName)) return Task.FromResult<ImageContent?>(null);
        var image = images.FindById(imageId);
        var variant = image?.Variants.FirstOrDefault(v => v.Name == variantName);
        if (image is null || variant is null) return Task.FromResult<ImageContent?>(null);
        var stream = new FileStream(Path.Combine(FolderOf(image.Id), variant.Name), FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true);
        return Task.FromResult<ImageContent?>(new ImageContent(stream, variant.ContentType, stream.Length));
    }

    string FolderOf(string imageId) =>
        ImageNames.IsSafe(imageId) ? Path.Combine(root, imageId) : throw new ArgumentException("Not an image id.", nameof(imageId));
}
