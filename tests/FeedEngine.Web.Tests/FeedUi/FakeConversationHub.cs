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
    public SessionSnapshotView Snapshot { get; set; } = new() { SessionId = "s1", PostId = "p1", Title = "The Lighthouse", Greeting = "Rain needles the harbor.", ViewerId = "me", IsOwner = true };
    public Exception? StartFailure { get; set; }
    public ConcurrentQueue<string> Calls { get; } = new();
    public ConcurrentQueue<Channel<SessionEventView>> Streams { get; } = new();
    public ConnectionState State { get; private set; } = ConnectionState.Connected;

    public event Func<ConnectionState, Task>? StateChanged;

    // Completed (and replaced) whenever a call is recorded or a stream opens. The panel may call the hub without rendering
    // afterwards, so tests wait on this rather than on bunit's render-driven WaitForAssertion.
    TaskCompletionSource changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    readonly Lock gate = new();

    void Record(string call)
    {
        Calls.Enqueue(call);
        Pulse();
    }

    void Pulse()
    {
        TaskCompletionSource done;
        lock (gate) { done = changed; changed = new(TaskCreationOptions.RunContinuationsAsynchronously); }
        done.TrySetResult();
    }

    /// <summary>Waits (up to 15 s) until the condition on the recorded calls or streams holds.</summary>
    public async Task WaitUntilAsync(Func<FakeConversationHub, bool> condition, string what)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (true)
        {
            Task next;
            lock (gate) next = changed.Task;
            if (condition(this)) return;
            try { await next.WaitAsync(timeout.Token); }
            catch (OperationCanceledException) { throw new Xunit.Sdk.XunitException($"Timed out waiting for {what}; calls: {string.Join(", ", Calls)}"); }
        }
    }

    public Task WaitForCallAsync(string call) => WaitUntilAsync(h => h.Calls.Contains(call), $"the call '{call}'");

    public Task WaitForStreamsAsync(int count) => WaitUntilAsync(h => h.Streams.Count >= count, $"{count} open stream(s)");

    public Task<SessionSnapshotView> StartSessionAsync(string postId, CancellationToken cancellationToken = default)
    {
        Record($"StartSession {postId}");
        return StartFailure is null ? Task.FromResult(Snapshot) : Task.FromException<SessionSnapshotView>(StartFailure);
    }

    public Exception? JoinFailure { get; set; }

    public Task<SessionSnapshotView> JoinSessionAsync(string roomCode, CancellationToken cancellationToken = default)
    {
        Record($"JoinSession {roomCode}");
        return JoinFailure is null ? Task.FromResult(Snapshot) : Task.FromException<SessionSnapshotView>(JoinFailure);
    }

    /// <summary>Recorded as <c>Send {sessionId} {text}</c>, with <c> [id1,id2]</c> after it when pictures go along.</summary>
    public IAsyncEnumerable<SessionEventView> Send(string sessionId, string text, IReadOnlyList<string> imageIds, CancellationToken cancellationToken = default)
    {
        Record($"Send {sessionId} {text}" + (imageIds.Count > 0 ? $" [{string.Join(",", imageIds)}]" : ""));
        return Open(cancellationToken);
    }

    public IAsyncEnumerable<SessionEventView> Resume(string sessionId, long afterSeq, CancellationToken cancellationToken = default)
    {
        Record($"Resume {sessionId} {afterSeq}");
        return Open(cancellationToken);
    }

    public Task CancelAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        Record($"Cancel {sessionId}");
        return Task.CompletedTask;
    }

    public IAsyncEnumerable<SessionEventView> Regenerate(string sessionId, long turnSeq, CancellationToken cancellationToken = default)
    {
        Record($"Regenerate {sessionId} {turnSeq}");
        return Open(cancellationToken);
    }

    /// <summary>What Branch and SwitchBranch answer (a refusal when <see cref="BranchFailure"/> is set).</summary>
    public SessionSnapshotView? BranchSnapshot { get; set; }
    public Exception? BranchFailure { get; set; }

    public Task<SessionSnapshotView> BranchAsync(string sessionId, long turnSeq, CancellationToken cancellationToken = default)
    {
        Record($"Branch {sessionId} {turnSeq}");
        return BranchFailure is null ? Task.FromResult(BranchSnapshot ?? Snapshot) : Task.FromException<SessionSnapshotView>(BranchFailure);
    }

    public Task<SessionSnapshotView> SwitchBranchAsync(string sessionId, string branchId, CancellationToken cancellationToken = default)
    {
        Record($"SwitchBranch {sessionId} {branchId}");
        return BranchFailure is null ? Task.FromResult(BranchSnapshot ?? Snapshot) : Task.FromException<SessionSnapshotView>(BranchFailure);
    }

    public Task<RoomShareView> ShareSessionAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        Record($"ShareSession {sessionId}");
        return Task.FromResult(new RoomShareView { RoomCode = "ABCD2345", Url = "http://feed.test/?room=ABCD2345" });
    }

    public Exception? RoomFailure { get; set; }

    public Task RemoveParticipantAsync(string sessionId, string viewerId, CancellationToken cancellationToken = default)
    {
        Record($"RemoveParticipant {sessionId} {viewerId}");
        return RoomFailure is null ? Task.CompletedTask : Task.FromException(RoomFailure);
    }

    public Task CloseRoomAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        Record($"CloseRoom {sessionId}");
        return RoomFailure is null ? Task.CompletedTask : Task.FromException(RoomFailure);
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
        Pulse();
        await foreach (var item in channel.Reader.ReadAllAsync(cancellationToken)) yield return item;
    }
}
