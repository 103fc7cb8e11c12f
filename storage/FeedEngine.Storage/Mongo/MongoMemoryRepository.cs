using FeedEngine.Storage.Memory;
using MongoDB.Driver;

namespace FeedEngine.Storage.Mongo;

sealed class MongoMemoryRepository(MongoStore store) : IMemoryRepository
{
    readonly IMongoCollection<MemoryFactDocument> facts = store.MemoryFacts;

    public async Task<WriteOutcome> InsertAsync(MemoryFactDocument fact, CancellationToken cancellationToken = default)
    {
        await store.EnsureReadyAsync(cancellationToken);
        return await MongoStore.TryInsertAsync(facts, fact, cancellationToken);
    }

    public async Task<IReadOnlyList<MemoryFactDocument>> ListAsync(string viewerId, int limit = 500, CancellationToken cancellationToken = default) =>
        await facts.Find(f => f.ViewerId == viewerId)
            .SortByDescending(f => f.CreatedAt).ThenByDescending(f => f.Id)
            .Limit(limit)
            .ToListAsync(cancellationToken);

    public async Task<bool> DeleteAsync(string viewerId, string factId, CancellationToken cancellationToken = default) =>
        (await facts.DeleteOneAsync(f => f.Id == factId && f.ViewerId == viewerId, cancellationToken)).DeletedCount > 0;

    public async Task<long> DeleteAllAsync(string viewerId, CancellationToken cancellationToken = default) =>
        (await facts.DeleteManyAsync(f => f.ViewerId == viewerId, cancellationToken)).DeletedCount;
}
