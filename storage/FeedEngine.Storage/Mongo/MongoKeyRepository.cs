using FeedEngine.Storage.Keys;
using MongoDB.Driver;

namespace FeedEngine.Storage.Mongo;

/// <summary>The <c>keys</c> collection; ids are unique by <c>_id</c>, lists read by purpose (few documents, no index needed).</summary>
sealed class MongoKeyRepository(MongoStore store) : IKeyRepository
{
    readonly IMongoCollection<KeyDocument> keys = store.Database.GetCollection<KeyDocument>("keys");

    public async Task<WriteOutcome> InsertAsync(KeyDocument key, CancellationToken cancellationToken = default)
    {
        await store.EnsureReadyAsync(cancellationToken);
        return await MongoStore.TryInsertAsync(keys, key, cancellationToken);
    }

    public async Task<KeyDocument?> FindAsync(string id, CancellationToken cancellationToken = default)
    {
        await store.EnsureReadyAsync(cancellationToken);
        return await keys.Find(k => k.Id == id).FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<KeyDocument>> ListAsync(string purpose, CancellationToken cancellationToken = default)
    {
        await store.EnsureReadyAsync(cancellationToken);
        var found = await keys.Find(k => k.Purpose == purpose).ToListAsync(cancellationToken);
        return [.. found.OrderBy(k => k.CreatedAt).ThenBy(k => k.Id, StringComparer.Ordinal)];
    }
}
