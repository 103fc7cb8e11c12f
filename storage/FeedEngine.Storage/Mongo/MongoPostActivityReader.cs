using FeedEngine.Storage.Sessions;
using MongoDB.Driver;

namespace FeedEngine.Storage.Mongo;

sealed class MongoPostActivityReader(MongoStore store) : IPostActivityReader
{
    public async Task<IReadOnlyList<SessionDocument>> ListSessionsByPostAsync(string postId, int limit, CancellationToken cancellationToken = default) =>
        await store.Sessions.Find(s => s.PostId == postId)
            .SortByDescending(s => s.CreatedAt).ThenByDescending(s => s.Id)
            .Limit(limit)
            .ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<TurnDocument>> ListTurnsAsync(IReadOnlyCollection<string> sessionIds, CancellationToken cancellationToken = default)
    {
        var found = new List<TurnDocument>();
        // In chunks, so one query never carries an unbounded id list.
        foreach (var chunk in sessionIds.Distinct(StringComparer.Ordinal).Chunk(200))
        {
            found.AddRange(await store.Turns.Find(Builders<TurnDocument>.Filter.In(t => t.SessionId, chunk))
                .SortBy(t => t.SessionId).ThenBy(t => t.Seq)
                .ToListAsync(cancellationToken));
        }
        return found;
    }
}
