using FeedEngine.Storage.Sessions;
using MongoDB.Driver;

namespace FeedEngine.Storage.Mongo;

sealed class MongoSessionRepository(MongoStore store) : ISessionRepository, ITurnRepository
{
    readonly IMongoCollection<SessionDocument> sessions = store.Sessions;
    readonly IMongoCollection<TurnDocument> turns = store.Turns;

    public Task<WriteOutcome> InsertAsync(SessionDocument session, CancellationToken cancellationToken = default) =>
        store.InsertVersionedAsync(sessions, session, cancellationToken);

    public async Task<SessionDocument?> FindAsync(string sessionId, CancellationToken cancellationToken = default) =>
        await sessions.Find(s => s.Id == sessionId).FirstOrDefaultAsync(cancellationToken);

    public Task<WriteOutcome> UpdateAsync(SessionDocument session, CancellationToken cancellationToken = default) =>
        store.ReplaceVersionedAsync(sessions, session, cancellationToken);

    public async Task<IReadOnlyList<SessionDocument>> ListByOwnerAsync(string ownerId, string? postId = null, int limit = 50, CancellationToken cancellationToken = default)
    {
        var filter = Builders<SessionDocument>.Filter.Eq(s => s.OwnerId, ownerId);
        if (postId is not null) filter &= Builders<SessionDocument>.Filter.Eq(s => s.PostId, postId);
        return await sessions.Find(filter)
            .SortByDescending(s => s.CreatedAt).ThenByDescending(s => s.Id)
            .Limit(limit)
            .ToListAsync(cancellationToken);
    }

    public async Task<WriteOutcome> AppendAsync(TurnDocument turn, CancellationToken cancellationToken = default)
    {
        await store.EnsureReadyAsync(cancellationToken);
        turn.Id = TurnDocument.MakeId(turn.SessionId, turn.Seq);
        return await MongoStore.TryInsertAsync(turns, turn, cancellationToken);
    }

    public async Task<WriteOutcome> ReplaceEventsAsync(TurnDocument turn, CancellationToken cancellationToken = default)
    {
        await store.EnsureReadyAsync(cancellationToken);
        var id = TurnDocument.MakeId(turn.SessionId, turn.Seq);
        var result = await turns.UpdateOneAsync(t => t.Id == id && t.IdempotencyKey == turn.IdempotencyKey,
            Builders<TurnDocument>.Update.Set(t => t.Events, turn.Events).Set(t => t.LastEventSeq, turn.LastEventSeq),
            cancellationToken: cancellationToken);
        return result.MatchedCount == 0 ? WriteOutcome.NotFound : WriteOutcome.Ok;
    }

    public async Task<IReadOnlyList<TurnDocument>> ListAsync(string sessionId, long afterSeq = 0, int limit = 500, CancellationToken cancellationToken = default) =>
        await turns.Find(t => t.SessionId == sessionId && t.Seq > afterSeq)
            .SortBy(t => t.Seq)
            .Limit(limit)
            .ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<TurnDocument>> ListFromEventAsync(string sessionId, long afterEventSeq, int limit = 100, CancellationToken cancellationToken = default) =>
        // Event numbers grow with turn numbers, so this order is turn order and the index serves it.
        await turns.Find(t => t.SessionId == sessionId && t.LastEventSeq > afterEventSeq)
            .SortBy(t => t.LastEventSeq)
            .Limit(limit)
            .ToListAsync(cancellationToken);

    public async Task<SessionDocument?> FindByRoomCodeAsync(string roomCode, CancellationToken cancellationToken = default) =>
        await sessions.Find(s => s.RoomCode == roomCode).FirstOrDefaultAsync(cancellationToken);

    public async Task<IReadOnlyList<TurnDocument>> ListBranchAsync(string sessionId, string branchId, long throughSeq, int limit, CancellationToken cancellationToken = default)
    {
        var newest = await turns.Find(t => t.SessionId == sessionId && t.BranchId == branchId && t.Seq <= throughSeq)
            .SortByDescending(t => t.Seq)
            .Limit(limit)
            .ToListAsync(cancellationToken);
        newest.Reverse();
        return newest;
    }

    public async Task<TurnDocument?> FindByIdempotencyKeyAsync(string idempotencyKey, CancellationToken cancellationToken = default) =>
        await turns.Find(t => t.IdempotencyKey == idempotencyKey).FirstOrDefaultAsync(cancellationToken);
}
