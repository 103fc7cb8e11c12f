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

    IAsyncEnumerable<SessionEventView> Send(string sessionId, string text, CancellationToken cancellationToken = default);

    IAsyncEnumerable<SessionEventView> Resume(string sessionId, long afterSeq, CancellationToken cancellationToken = default);

    Task CancelAsync(string sessionId, CancellationToken cancellationToken = default);
}
