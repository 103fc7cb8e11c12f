using FeedEngine.Storage.Sessions;
using LiteDB;

namespace FeedEngine.Storage.Embedded;

sealed class EmbeddedPostActivityReader : IPostActivityReader
{
    readonly ILiteCollection<SessionDocument> sessions;
    readonly ILiteCollection<TurnDocument> turns;

    public EmbeddedPostActivityReader(EmbeddedDatabase database)
    {
        sessions = database.Collection<SessionDocument>("sessions");
        sessions.EnsureIndex(s => s.PostId);
        turns = database.Collection<TurnDocument>("turns");
    }

    public Task<IReadOnlyList<SessionDocument>> ListSessionsByPostAsync(string postId, int limit, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<SessionDocument>>(sessions.Find(s => s.PostId == postId)
            .OrderByDescending(s => s.CreatedAt).ThenByDescending(s => s.Id, StringComparer.Ordinal)
            .Take(limit).ToList());

    public Task<IReadOnlyList<TurnDocument>> ListTurnsAsync(IReadOnlyCollection<string> sessionIds, CancellationToken cancellationToken = default)
    {
        var found = new List<TurnDocument>();
        foreach (var sessionId in sessionIds.Distinct(StringComparer.Ordinal))
            found.AddRange(turns.Find(t => t.SessionId == sessionId).OrderBy(t => t.Seq));
        return Task.FromResult<IReadOnlyList<TurnDocument>>(found);
    }
}
