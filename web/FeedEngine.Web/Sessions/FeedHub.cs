using System.Runtime.CompilerServices;
using System.Threading.Channels;
using FeedEngine.Engine.Sessions;
using FeedEngine.Engine.Abstractions.Sessions;
using FeedEngine.Storage.Sessions;
using FeedEngine.Storage.Users;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace FeedEngine.Web.Sessions;

/// <summary>
/// The real-time contract at <c>/hubs/feed</c>: open a session on a post, send a message and stream the reply, resume
/// after a drop, cancel. Method names and shapes are public (CONTRACTS.md). A call that cannot be served fails with a
/// <see cref="HubException"/> whose message says what to do; conditions during a reply arrive as events.
/// </summary>
[Authorize(Policy = Policies.Viewer)]
public sealed partial class FeedHub(IGrainFactory grains, ISessionRepository sessions, TalkingNowTracker talking, IUserRepository users, LocalSessions local) : Hub<IFeedHubClient>
{
    /// <summary>The viewer's current session on the post, created when there is none.</summary>
    public async Task<SessionSnapshot> StartSession(string postId) =>
        await ForCallerAsync(OnPost(Unwrap(await grains.GetGrain<IViewerGrain>(ViewerId).StartSessionAsync(postId ?? ""))));

    /// <summary>A fresh session on the post; the old one stays in the viewer's history.</summary>
    public async Task<SessionSnapshot> NewSession(string postId) =>
        await ForCallerAsync(OnPost(Unwrap(await grains.GetGrain<IViewerGrain>(ViewerId).NewSessionAsync(postId ?? ""))));

    /// <summary>
    /// Sends a message; streams the exchange (the message, the reply's frames, state, status) through the reply's turn
    /// event, and when that turn event says <c>imagePending</c>, on through the reply's <c>image</c> event (docs/sessions.md).
    /// </summary>
    public async Task<IAsyncEnumerable<SessionEvent>> Send(string sessionId, string text, string[]? imageIds)
    {
        var session = Session(sessionId);
        talking.Touch(Context.ConnectionId);
        if (string.IsNullOrWhiteSpace(text) || text.Length > SessionLimits.MaxMessageLength)
            throw new HubException($"A message needs 1 to {SessionLimits.MaxMessageLength} characters.");
        if (imageIds is { Length: > SessionLimits.MaxImagesPerMessage })
            throw new HubException($"A message carries at most {SessionLimits.MaxImagesPerMessage} images.");
        var viewerId = ViewerId;
        var receipt = Unwrap(await session.SendAsync(new ViewerMessage
        {
            ViewerId = viewerId,
            MessageId = Guid.NewGuid().ToString("n"),
            Text = text,
            ImageIds = imageIds ?? [],
            AuthorName = SessionLimits.ShownName(DisplayName),
        }));
        return Read(session, sessionId, new SessionRead { ViewerId = viewerId, AfterSeq = receipt.AfterSeq, UntilTurnSeq = receipt.ReplyTurnSeq });
    }

    /// <summary>Everything after <paramref name="afterSeq"/>: the rest of a reply, stored or still being written, then live events until the client stops.</summary>
    public async Task<IAsyncEnumerable<SessionEvent>> Resume(string sessionId, long afterSeq)
    {
        var session = Session(sessionId);
        var viewerId = ViewerId;
        talking.Touch(Context.ConnectionId);
        Unwrap(await session.CheckReadAsync(viewerId, afterSeq));
        return Read(session, sessionId, new SessionRead { ViewerId = viewerId, AfterSeq = afterSeq });
    }

    /// <summary>Stops the reply being written; a stopped status and the turn with the partial reply follow on the open streams.</summary>
    public async Task Cancel(string sessionId) => Unwrap(await Session(sessionId).CancelAsync(ViewerId));

    string ViewerId => Context.UserIdentifier ?? throw new HubException("Sign in or continue as a guest first.");

    ISessionGrain Session(string sessionId) =>
        string.IsNullOrWhiteSpace(sessionId) || sessionId.Length > SessionLimits.MaxIdLength
            ? throw new HubException("Name the session: the sessionId from StartSession or NewSession.")
            : grains.GetGrain<ISessionGrain>(sessionId);

    /// <summary>The read, served locally when the session is active in this process (<see cref="LocalSessions"/>), pulled otherwise.</summary>
    IAsyncEnumerable<SessionEvent> Read(ISessionGrain session, string sessionId, SessionRead read) => Read(session, read, local.IsActiveHere(sessionId));

    static async IAsyncEnumerable<SessionEvent> Read(ISessionGrain session, SessionRead read, bool activeHere, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        SessionEvent? last = null;
        Exception? refused = null;
        var source = activeHere ? await OpenLocalAsync(session, read, cancellationToken) : null;
        await using (var events = (source ?? session.ReadAsync(read, cancellationToken)).GetAsyncEnumerator(cancellationToken))
        {
            while (true)
            {
                try
                {
                    if (!await events.MoveNextAsync()) break;
                }
                catch (InvalidOperationException e)
                {
                    // The session refuses a reader who is not a participant: removed (or the room closed) after the check.
                    refused = e;
                    break;
                }
                last = events.Current;
                yield return last;
            }
        }
        if (refused is not null && (await session.GetSnapshotAsync(read.ViewerId)).IsOk)
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(refused).Throw();
        if (cancellationToken.IsCancellationRequested || (last is { Kind: SessionEventKind.Turn } && last.TurnSeq == read.UntilTurnSeq)) yield break;
        // The session ended the stream early: the reader was removed from its room, or the room was closed.
        if (!(await session.GetSnapshotAsync(read.ViewerId)).IsOk)
            throw new HubException("You are no longer in this room: its owner removed you or closed it.");
    }

    /// <summary>
    /// Opens a local read on a session active in this process: it writes the events into a channel, one grain call in
    /// all. Null when it turned out to be elsewhere (it moved since the check): then the read pulls as usual.
    /// </summary>
    static async Task<IAsyncEnumerable<SessionEvent>?> OpenLocalAsync(ISessionGrain session, SessionRead read, CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<SessionEvent>(new BoundedChannelOptions(LocalReadCapacity) { SingleReader = true, SingleWriter = true });
        try
        {
            await session.OpenLocalReadAsync(read, new LocalSessionReader(channel.Writer, cancellationToken));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return null;
        }
        return ReadLocal(channel.Reader, cancellationToken);
    }

    /// <summary>How many events a local read holds for a connection slower than the session; the session then waits.</summary>
    const int LocalReadCapacity = 64;

    /// <summary>
    /// The local read's events. Its waits take no cancellation token (a token costs an allocation and a registration
    /// per wait): the session completes the channel when the caller's token is cancelled, since it holds that token.
    /// </summary>
    static async IAsyncEnumerable<SessionEvent> ReadLocal(ChannelReader<SessionEvent> events, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (true)
        {
            bool more;
            try
            {
                more = await events.WaitToReadAsync(CancellationToken.None);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // The session's activation ended (moved, or the node is stopping): the client resumes from its last event.
                throw new HubException("The conversation moved to another server. Resume from the last event you received.");
            }
            if (!more) yield break;
            while (events.TryRead(out var item)) yield return item;
        }
    }

    static T Unwrap<T>(SessionOutcome<T> outcome) =>
        outcome.Rejection is { } rejection ? throw new HubException(rejection.Message) : outcome.Value!;
}

/// <summary>What the server pushes to a connection outside a stream (nothing yet; co-play rooms add room events).</summary>
public interface IFeedHubClient;
