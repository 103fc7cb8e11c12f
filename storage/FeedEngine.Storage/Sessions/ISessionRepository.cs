namespace FeedEngine.Storage.Sessions;

public interface ISessionRepository
{
    Task<WriteOutcome> InsertAsync(SessionDocument session, CancellationToken cancellationToken = default);

    Task<SessionDocument?> FindAsync(string sessionId, CancellationToken cancellationToken = default);

    /// <summary>Replaces the session when its stored version equals <c>session.Version</c>.</summary>
    Task<WriteOutcome> UpdateAsync(SessionDocument session, CancellationToken cancellationToken = default);

    /// <summary>The owner's sessions on a post, newest first.</summary>
    Task<IReadOnlyList<SessionDocument>> ListByOwnerAsync(string ownerId, string? postId = null, int limit = 50, CancellationToken cancellationToken = default);

    /// <summary>The session shared under a co-play room code (open or closed), or null.</summary>
    Task<SessionDocument?> FindByRoomCodeAsync(string roomCode, CancellationToken cancellationToken = default);
}

public interface ITurnRepository
{
    /// <summary>
    /// Stores a turn once. The same (session, seq) or the same idempotency key again gives
    /// <see cref="WriteOutcome.Duplicate"/> and leaves the first one as it was.
    /// </summary>
    Task<WriteOutcome> AppendAsync(TurnDocument turn, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sets the stored turn's <see cref="TurnDocument.Events"/> and <see cref="TurnDocument.LastEventSeq"/> to
    /// <paramref name="turn"/>'s, matched by session, seq and idempotency key (<see cref="WriteOutcome.NotFound"/> when no
    /// such turn is stored); nothing else changes. For a write retried after it landed unseen, whose events grew meanwhile.
    /// </summary>
    Task<WriteOutcome> ReplaceEventsAsync(TurnDocument turn, CancellationToken cancellationToken = default);

    /// <summary>Turns with <c>seq &gt; afterSeq</c>, in order.</summary>
    Task<IReadOnlyList<TurnDocument>> ListAsync(string sessionId, long afterSeq = 0, int limit = 500, CancellationToken cancellationToken = default);

    /// <summary>Turns that carried events after <paramref name="afterEventSeq"/> (<c>lastEventSeq &gt; afterEventSeq</c>), in order.
    /// Event numbers grow with turn numbers within a session.</summary>
    Task<IReadOnlyList<TurnDocument>> ListFromEventAsync(string sessionId, long afterEventSeq, int limit = 100, CancellationToken cancellationToken = default);

    /// <summary>
    /// The newest <paramref name="limit"/> turns written on one branch with <c>seq &lt;= throughSeq</c>, returned oldest first.
    /// Turns stored before branches existed are on <see cref="TurnDocument.MainBranch"/>.
    /// </summary>
    Task<IReadOnlyList<TurnDocument>> ListBranchAsync(string sessionId, string branchId, long throughSeq, int limit, CancellationToken cancellationToken = default);

    Task<TurnDocument?> FindByIdempotencyKeyAsync(string idempotencyKey, CancellationToken cancellationToken = default);
}
