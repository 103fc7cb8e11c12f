using FeedEngine.Storage.Sessions;
using LiteDB;

namespace FeedEngine.Storage.Embedded;

sealed class EmbeddedSessionRepository : ISessionRepository, ITurnRepository
{
    readonly EmbeddedDatabase database;
    readonly ILiteCollection<SessionDocument> sessions;
    readonly ILiteCollection<TurnDocument> turns;

    public EmbeddedSessionRepository(EmbeddedDatabase database)
    {
        this.database = database;
        sessions = database.Collection<SessionDocument>("sessions");
        sessions.EnsureIndex(s => s.OwnerId);
        sessions.EnsureIndex(s => s.RoomCode);
        turns = database.Collection<TurnDocument>("turns");
        turns.EnsureIndex(t => t.SessionId);
        turns.EnsureIndex(t => t.IdempotencyKey, unique: true);
        // The id ({sessionId}:{seq}) makes a turn number unique per session, and so per session, branch and number.
    }

    public Task<WriteOutcome> InsertAsync(SessionDocument session, CancellationToken cancellationToken = default) =>
        Task.FromResult(database.InsertVersioned(sessions, session));

    public Task<SessionDocument?> FindAsync(string sessionId, CancellationToken cancellationToken = default) =>
        Task.FromResult<SessionDocument?>(sessions.FindById(sessionId));

    public Task<WriteOutcome> UpdateAsync(SessionDocument session, CancellationToken cancellationToken = default) =>
        Task.FromResult(database.ReplaceVersioned(sessions, session));

    public Task<IReadOnlyList<SessionDocument>> ListByOwnerAsync(string ownerId, string? postId = null, int limit = 50, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<SessionDocument>>(sessions.Find(s => s.OwnerId == ownerId)
            .Where(s => postId is null || s.PostId == postId)
            .OrderByDescending(s => s.CreatedAt).ThenByDescending(s => s.Id, StringComparer.Ordinal)
            .Take(limit).ToList());

    public Task<WriteOutcome> AppendAsync(TurnDocument turn, CancellationToken cancellationToken = default)
    {
        turn.Id = TurnDocument.MakeId(turn.SessionId, turn.Seq);
        return Task.FromResult(EmbeddedDatabase.TryInsert(turns, turn));
    }

    public Task<WriteOutcome> ReplaceEventsAsync(TurnDocument turn, CancellationToken cancellationToken = default)
    {
        var stored = turns.FindById(TurnDocument.MakeId(turn.SessionId, turn.Seq));
        if (stored is null || stored.IdempotencyKey != turn.IdempotencyKey) return Task.FromResult(WriteOutcome.NotFound);
        stored.Events = [.. turn.Events];
        stored.LastEventSeq = turn.LastEventSeq;
        return Task.FromResult(turns.Update(stored) ? WriteOutcome.Ok : WriteOutcome.NotFound);
    }

    public Task<IReadOnlyList<TurnDocument>> ListAsync(string sessionId, long afterSeq = 0, int limit = 500, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<TurnDocument>>(turns.Query()
            .Where(t => t.SessionId == sessionId && t.Seq > afterSeq)
            .OrderBy(t => t.Seq).Limit(limit).ToList());

    public Task<IReadOnlyList<TurnDocument>> ListFromEventAsync(string sessionId, long afterEventSeq, int limit = 100, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<TurnDocument>>(turns.Query()
            .Where(t => t.SessionId == sessionId && t.LastEventSeq > afterEventSeq)
            .OrderBy(t => t.LastEventSeq).Limit(limit).ToList());

    public Task<SessionDocument?> FindByRoomCodeAsync(string roomCode, CancellationToken cancellationToken = default) =>
        Task.FromResult<SessionDocument?>(sessions.FindOne(s => s.RoomCode == roomCode));

    public Task<IReadOnlyList<TurnDocument>> ListBranchAsync(string sessionId, string branchId, long throughSeq, int limit, CancellationToken cancellationToken = default)
    {
        var newest = turns.Query()
            .Where(t => t.SessionId == sessionId && t.BranchId == branchId && t.Seq <= throughSeq)
            .OrderByDescending(t => t.Seq).Limit(limit).ToList();
        newest.Reverse();
        return Task.FromResult<IReadOnlyList<TurnDocument>>(newest);
    }

    public Task<TurnDocument?> FindByIdempotencyKeyAsync(string idempotencyKey, CancellationToken cancellationToken = default) =>
        Task.FromResult<TurnDocument?>(turns.FindOne(t => t.IdempotencyKey == idempotencyKey));
}
