using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using FeedEngine.Web.Client.Talk;

namespace FeedEngine.Web.Tests.FeedUi;

/// <summary>
/// The hub seen from the conversation panel, driven by the test: each Send or Resume call gets a channel the test writes
/// events into (or breaks, as a dropped connection does), and every call is recorded.
/// </summary>
public sealed class FakeConversationHub : IConversationHub
{
    public SessionSnapshotView Snapshot { get; set; } = new() { SessionId = "s1", PostId = "p1", Title = "The Lighthouse", Greeting = "Rain needles the harbor." };
    public Exception? StartFailure { get; set; }
    public ConcurrentQueue<string> Calls { get; } = new();
    public ConcurrentQueue<Channel<SessionEventView>> Streams { get; } = new();
    public ConnectionState State { get; private set; } = ConnectionState.Connected;

    public event Func<ConnectionState, Task>? StateChanged;

    public Task<SessionSnapshotView> StartSessionAsync(string postId, CancellationToken cancellationToken = default)
    {
        Calls.Enqueue($"StartSession {postId}");
        return StartFailure is null ? Task.FromResult(Snapshot) : Task.FromException<SessionSnapshotView>(StartFailure);
    }

    public IAsyncEnumerable<SessionEventView> Send(string sessionId, string text, CancellationToken cancellationToken = default)
    {
        Calls.Enqueue($"Send {sessionId} {text}");
        return Open(cancellationToken);
    }

    public IAsyncEnumerable<SessionEventView> Resume(string sessionId, long afterSeq, CancellationToken cancellationToken = default)
    {
        Calls.Enqueue($"Resume {sessionId} {afterSeq}");
        return Open(cancellationToken);
    }

    public Task CancelAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        Calls.Enqueue($"Cancel {sessionId}");
        return Task.CompletedTask;
    }

    public async Task SetStateAsync(ConnectionState state)
    {
        State = state;
        if (StateChanged is { } handler) await handler(state);
    }

    /// <summary>The stream of the latest Send or Resume call.</summary>
    public ChannelWriter<SessionEventView> Latest => Streams.Last().Writer;

    async IAsyncEnumerable<SessionEventView> Open([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateUnbounded<SessionEventView>();
        Streams.Enqueue(channel);
        await foreach (var item in channel.Reader.ReadAllAsync(cancellationToken)) yield return item;
    }
}
