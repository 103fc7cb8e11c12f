using FeedEngine.Storage.Images;
using MongoDB.Bson;
using MongoDB.Driver;
using MongoDB.Driver.GridFS;

namespace FeedEngine.Storage.Mongo;

/// <summary>Image metadata in <c>images</c>, the bytes of each variant in the GridFS bucket <c>images</c> as <c>{id}/{variant}</c>.</summary>
sealed class MongoImageRepository(MongoStore store) : IImageRepository
{
    readonly IMongoCollection<ImageDocument> images = store.Images;
    readonly IGridFSBucket bytes = store.ImageBytes;

    public async Task<WriteOutcome> InsertAsync(ImageDocument image, IReadOnlyDictionary<string, byte[]> variantBytes, CancellationToken cancellationToken = default)
    {
        ImageNames.Validate(image, variantBytes);
        await store.EnsureReadyAsync(cancellationToken);
        // A cheap early answer for the common repeat upload; the unique index on contentHash decides races.
        if (await FindByHashAsync(image.ContentHash, cancellationToken) is not null) return WriteOutcome.Duplicate;

        // Bytes first; the metadata insert then publishes them, or they are removed (only the files this call wrote).
        var uploaded = new List<ObjectId>();
        var published = false;
        try
        {
            foreach (var variant in image.Variants)
            {
                var options = new GridFSUploadOptions { Metadata = new BsonDocument { ["imageId"] = image.Id, ["variant"] = variant.Name } };
                uploaded.Add(await bytes.UploadFromBytesAsync(FileName(image.Id, variant.Name), variantBytes[variant.Name], options, cancellationToken));
            }
            var outcome = await MongoStore.TryInsertAsync(images, image, cancellationToken);
            published = outcome == WriteOutcome.Ok;
            return outcome;
        }
        finally
        {
            if (!published)
                foreach (var id in uploaded) await bytes.DeleteAsync(id, CancellationToken.None);
        }
    }

    public async Task<ImageDocument?> FindAsync(string imageId, CancellationToken cancellationToken = default) =>
        await images.Find(i => i.Id == imageId).FirstOrDefaultAsync(cancellationToken);

    public async Task<ImageDocument?> FindByHashAsync(string contentHash, CancellationToken cancellationToken = default) =>
        await images.Find(i => i.ContentHash == contentHash).FirstOrDefaultAsync(cancellationToken);

    public async Task<ImageDocument?> FindByGenerationKeyAsync(string cacheKey, CancellationToken cancellationToken = default) =>
        await images.Find(i => i.Generation != null && i.Generation.CacheKey == cacheKey)
            .SortBy(i => i.CreatedAt).ThenBy(i => i.Id).FirstOrDefaultAsync(cancellationToken);

    public async Task<ImageContent?> OpenVariantAsync(string imageId, string variantName, CancellationToken cancellationToken = default)
    {
        var image = await FindAsync(imageId, cancellationToken);
        var variant = image?.Variants.FirstOrDefault(v => v.Name == variantName);
        if (image is null || variant is null) return null;
        // Revision 0: the first file stored under the name, the one the metadata insert published.
        var stream = await bytes.OpenDownloadStreamByNameAsync(FileName(image.Id, variant.Name), new GridFSDownloadByNameOptions { Revision = 0 }, cancellationToken);
        return new ImageContent(stream, variant.ContentType, stream.Length);
    }

    static string FileName(string imageId, string variantName) => $"{imageId}/{variantName}";
}
