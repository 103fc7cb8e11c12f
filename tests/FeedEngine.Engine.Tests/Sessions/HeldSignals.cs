using System.Collections.Concurrent;
using FeedEngine.Engine.Abstractions.Sessions;

namespace FeedEngine.Engine.Tests.Sessions;

/// <summary>
/// The feed at the conversation-signals seam: records what it is told, and for a viewer it was told to hold, does not
/// answer until released (a feed slow to learn), or fails (a feed that is down).
/// </summary>
public sealed class HeldSignals : IConversationSignals
{
    readonly ConcurrentDictionary<string, TaskCompletionSource> held = new(StringComparer.Ordinal);
    readonly ConcurrentDictionary<string, TaskCompletionSource<int>> told = new(StringComparer.Ordinal);
    readonly ConcurrentDictionary<string, byte> failing = new(StringComparer.Ordinal);

    /// <summary>Signals for this viewer wait until <see cref="Release"/>.</summary>
    public void Hold(string viewerId) => held[viewerId] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release(string viewerId) => held[viewerId].TrySetResult();

    /// <summary>Signals for this viewer throw.</summary>
    public void Fail(string viewerId) => failing[viewerId] = 0;

    /// <summary>Completes with the message count of the first signal told about this viewer (before any hold is released).</summary>
    public Task<int> ToldAsync(string viewerId) => Told(viewerId).Task;

    public ConcurrentQueue<(string ViewerId, string PostId, int Messages)> Calls { get; } = new();

    public async Task TalkedAsync(string viewerId, string postId, int messages, CancellationToken cancellationToken = default)
    {
        Calls.Enqueue((viewerId, postId, messages));
        Told(viewerId).TrySetResult(messages);
        if (failing.ContainsKey(viewerId)) throw new InvalidOperationException("The feed is down.");
        if (held.TryGetValue(viewerId, out var gate)) await gate.Task;
    }

    TaskCompletionSource<int> Told(string viewerId) =>
        told.GetOrAdd(viewerId, _ => new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously));
}
