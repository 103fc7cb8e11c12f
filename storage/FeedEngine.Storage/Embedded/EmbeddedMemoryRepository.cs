using FeedEngine.Storage.Memory;
using LiteDB;

namespace FeedEngine.Storage.Embedded;

sealed class EmbeddedMemoryRepository : IMemoryRepository
{
    readonly ILiteCollection<MemoryFactDocument> facts;

    public EmbeddedMemoryRepository(EmbeddedDatabase database)
    {
        facts = database.Collection<MemoryFactDocument>("memoryFacts");
        facts.EnsureIndex(f => f.ViewerId);
    }

    public Task<WriteOutcome> InsertAsync(MemoryFactDocument fact, CancellationToken cancellationToken = default) =>
        Task.FromResult(EmbeddedDatabase.TryInsert(facts, fact));

    public Task<IReadOnlyList<MemoryFactDocument>> ListAsync(string viewerId, int limit = 500, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<MemoryFactDocument>>(facts.Find(f => f.ViewerId == viewerId)
            .OrderByDescending(f => f.CreatedAt).ThenByDescending(f => f.Id, StringComparer.Ordinal)
            .Take(limit).ToList());

    public Task<bool> DeleteAsync(string viewerId, string factId, CancellationToken cancellationToken = default) =>
        Task.FromResult(facts.DeleteMany(f => f.Id == factId && f.ViewerId == viewerId) > 0);

    public Task<long> DeleteAllAsync(string viewerId, CancellationToken cancellationToken = default) =>
        Task.FromResult((long)facts.DeleteMany(f => f.ViewerId == viewerId));
}
