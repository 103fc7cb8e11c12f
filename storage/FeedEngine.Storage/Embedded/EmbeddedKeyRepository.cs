using FeedEngine.Storage.Keys;
using LiteDB;

namespace FeedEngine.Storage.Embedded;

sealed class EmbeddedKeyRepository : IKeyRepository
{
    readonly ILiteCollection<KeyDocument> keys;

    public EmbeddedKeyRepository(EmbeddedDatabase database)
    {
        keys = database.Collection<KeyDocument>("keys");
        keys.EnsureIndex(k => k.Purpose);
    }

    public Task<WriteOutcome> InsertAsync(KeyDocument key, CancellationToken cancellationToken = default) =>
        Task.FromResult(EmbeddedDatabase.TryInsert(keys, key));

    public Task<KeyDocument?> FindAsync(string id, CancellationToken cancellationToken = default) =>
        Task.FromResult<KeyDocument?>(keys.FindById(id));

    public Task<IReadOnlyList<KeyDocument>> ListAsync(string purpose, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<KeyDocument>>(keys.Find(k => k.Purpose == purpose).OrderBy(k => k.CreatedAt).ThenBy(k => k.Id, StringComparer.Ordinal).ToList());
}
