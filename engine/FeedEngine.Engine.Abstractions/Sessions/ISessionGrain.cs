using Orleans.Concurrency;

namespace FeedEngine.Engine.Abstractions.Sessions;

/// <summary>
/// A conversation with one published post version. Key: an opaque session id (22 random URL-safe characters);
/// participants are checked on every call, and a session a viewer does not take part in looks like one that does not exist.
/// One reply is generated at a time, independently of the caller: it keeps going when a reader leaves; only
/// <see cref="CancelAsync"/> stops it. Every event is numbered; <see cref="ReadAsync"/> replays any of them.
/// </summary>
[Alias("feed.session")]
public interface ISessionGrain : IGrainWithStringKey
{
    /// <summary>Creates the session for <paramref name="ownerId"/> on the post's latest published version (called once, by the viewer grain).</summary>
    [Alias("create")]
    Task<SessionOutcome<SessionSnapshot>> CreateAsync(string ownerId, string postId);

    [Alias("snapshot")]
    Task<SessionOutcome<SessionSnapshot>> GetSnapshotAsync(string viewerId);

    /// <summary>
    /// Stores the viewer's message and starts the reply. The same <see cref="ViewerMessage.MessageId"/> again (a retry)
    /// returns the first receipt and starts nothing. Read the exchange with <see cref="ReadAsync"/> from <see cref="SendReceipt.AfterSeq"/>.
    /// </summary>
    [Alias("send")]
    Task<SessionOutcome<SendReceipt>> SendAsync(ViewerMessage message);

    /// <summary>Checks that <paramref name="viewerId"/> may read from <paramref name="afterSeq"/>; gives the last event number.</summary>
    [Alias("check-read")]
    Task<SessionOutcome<long>> CheckReadAsync(string viewerId, long afterSeq);

    /// <summary>
    /// The events after <see cref="SessionRead.AfterSeq"/>: stored ones, then the reply in progress, then live ones, until
    /// the turn event of <see cref="SessionRead.UntilTurnSeq"/> (when set) or until the caller stops reading.
    /// </summary>
    [Alias("read")]
    IAsyncEnumerable<SessionEvent> ReadAsync(SessionRead read, CancellationToken cancellationToken = default);

    /// <summary>
    /// The same events as <see cref="ReadAsync"/>, written by the session into <paramref name="reader"/>'s channel, for a
    /// caller in the same process as the session's activation (<see cref="LocalSessionReader"/>); returns once the
    /// writing has started. A reader that may not read, and anything that stops the read, completes the channel with
    /// the error <see cref="ReadAsync"/> would have thrown.
    /// </summary>
    [Alias("read-local"), AlwaysInterleave]
    Task OpenLocalReadAsync(SessionRead read, LocalSessionReader reader);

    /// <summary>Stops the reply being generated; a stopped status and the turn with the partial reply follow. False when none was running.</summary>
    [Alias("cancel")]
    Task<SessionOutcome<bool>> CancelAsync(string viewerId);

    /// <summary>
    /// A new answer to the message before reply <paramref name="turnSeq"/> (the last turn of the current branch): a new
    /// branch forks after the message and the reply is written on it. Read it from the receipt like a send's.
    /// </summary>
    [Alias("regenerate")]
    Task<SessionOutcome<SendReceipt>> RegenerateAsync(string viewerId, long turnSeq);

    /// <summary>A new branch that keeps the current branch's turns up to reply <paramref name="turnSeq"/> (0: from the greeting) and continues from there.</summary>
    [Alias("branch")]
    Task<SessionOutcome<SessionSnapshot>> BranchAsync(string viewerId, long turnSeq);

    /// <summary>Makes another branch current: its turns, and the state at its last turn.</summary>
    [Alias("switch-branch")]
    Task<SessionOutcome<SessionSnapshot>> SwitchBranchAsync(string viewerId, string branchId);

    /// <summary>The owner opens a co-play room on the session (or gets the open one's code): others join with the code.</summary>
    [Alias("share")]
    Task<SessionOutcome<string>> ShareAsync(string ownerId);

    /// <summary>Adds the viewer to the open room whose code this is; they then read and send like the owner.</summary>
    [Alias("join")]
    Task<SessionOutcome<SessionSnapshot>> JoinAsync(string viewerId, string roomCode);

    /// <summary>The owner removes a participant: their streams end and the code no longer lets them back in.</summary>
    [Alias("remove-participant")]
    Task<SessionOutcome<bool>> RemoveParticipantAsync(string ownerId, string viewerId);

    /// <summary>The owner closes the room: every other participant is removed and the code stops working.</summary>
    [Alias("close-room")]
    Task<SessionOutcome<bool>> CloseRoomAsync(string ownerId);
}

[GenerateSerializer, Immutable, Alias("feed.ViewerMessage")]
public sealed record ViewerMessage
{
    [Id(0)] public required string ViewerId { get; init; }

    /// <summary>Chosen by the sender; a retried send with the same id is the same message.</summary>
    [Id(1)] public required string MessageId { get; init; }

    [Id(2)] public required string Text { get; init; }
    [Id(3)] public string[] ImageIds { get; init; } = [];

    /// <summary>The sender's display name, shown to the other participants of a co-play room.</summary>
    [Id(4)] public string? AuthorName { get; init; }
}

[GenerateSerializer, Immutable, Alias("feed.SendReceipt")]
public sealed record SendReceipt
{
    /// <summary>The exchange's events (the message, the reply's frames, its turn event) all come after this one.</summary>
    [Id(0)] public long AfterSeq { get; init; }
    [Id(1)] public long MessageTurnSeq { get; init; }
    [Id(2)] public long ReplyTurnSeq { get; init; }

    /// <summary>True when this was a retry of a message already received.</summary>
    [Id(3)] public bool Repeated { get; init; }
}

[GenerateSerializer, Immutable, Alias("feed.SessionRead")]
public sealed record SessionRead
{
    [Id(0)] public required string ViewerId { get; init; }
    [Id(1)] public long AfterSeq { get; init; }

    /// <summary>Stop after the turn event of this turn; null: follow the session until the caller stops.</summary>
    [Id(2)] public long? UntilTurnSeq { get; init; }
}
