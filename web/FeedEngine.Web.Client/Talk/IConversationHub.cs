namespace FeedEngine.Web.Client.Talk;

/// <summary>
/// The conversation calls of <c>/hubs/feed</c> the feed uses, one connection per browser tab. The SignalR implementation
/// reconnects by itself and raises <see cref="StateChanged"/>; streams broken by a drop end with an exception and the
/// panel resumes them with <see cref="Resume"/> once connected again.
/// </summary>
public interface IConversationHub
{
    ConnectionState State { get; }

    /// <summary>Raised on every change of <see cref="State"/>.</summary>
    event Func<ConnectionState, Task>? StateChanged;

    Task<SessionSnapshotView> StartSessionAsync(string postId, CancellationToken cancellationToken = default);

    /// <summary>Joins a co-play room by the code its owner shared; the snapshot is the room's session.</summary>
    Task<SessionSnapshotView> JoinSessionAsync(string roomCode, CancellationToken cancellationToken = default);

    IAsyncEnumerable<SessionEventView> Send(string sessionId, string text, CancellationToken cancellationToken = default) =>
        Send(sessionId, text, [], cancellationToken);

    /// <summary>Sends a message with pictures the viewer uploaded (<c>POST /api/images</c> ids; none for a text message).</summary>
    IAsyncEnumerable<SessionEventView> Send(string sessionId, string text, IReadOnlyList<string> imageIds, CancellationToken cancellationToken = default);

    IAsyncEnumerable<SessionEventView> Resume(string sessionId, long afterSeq, CancellationToken cancellationToken = default);

    Task CancelAsync(string sessionId, CancellationToken cancellationToken = default);

    /// <summary>A new answer to the last message (reply <paramref name="turnSeq"/>), streamed through its turn event, on a new branch.</summary>
    IAsyncEnumerable<SessionEventView> Regenerate(string sessionId, long turnSeq, CancellationToken cancellationToken = default);

    /// <summary>A new branch keeping the turns up to reply <paramref name="turnSeq"/>; the session continues on it.</summary>
    Task<SessionSnapshotView> BranchAsync(string sessionId, long turnSeq, CancellationToken cancellationToken = default);

    /// <summary>Makes another branch current: its turns and its state.</summary>
    Task<SessionSnapshotView> SwitchBranchAsync(string sessionId, string branchId, CancellationToken cancellationToken = default);

    /// <summary>Opens a co-play room on the session (owner only): the code and a link others join with.</summary>
    Task<RoomShareView> ShareSessionAsync(string sessionId, CancellationToken cancellationToken = default);

    /// <summary>The owner removes a participant from the session's room: their streams end and the code no longer lets them in.</summary>
    Task RemoveParticipantAsync(string sessionId, string viewerId, CancellationToken cancellationToken = default);

    /// <summary>The owner closes the session's room: everyone else leaves it and the code stops working.</summary>
    Task CloseRoomAsync(string sessionId, CancellationToken cancellationToken = default);
}
