using System.Collections.Concurrent;

namespace FeedEngine.Engine.Sessions;

/// <summary>
/// The sessions active in this silo, so that the hub in the same process opens a local read on them
/// (<see cref="Abstractions.Sessions.ISessionGrain.OpenLocalReadAsync"/>: the session writes the events into a channel)
/// rather than pulling each event with a grain call. A session active on another node is not listed here, and is read
/// the usual way. One per silo (a singleton of its services); a silo that stops ends its local reads.
/// </summary>
public sealed class LocalSessions : IDisposable
{
    readonly ConcurrentDictionary<string, int> active = new(StringComparer.Ordinal);
    readonly CancellationTokenSource stopping = new();

    /// <summary>Whether the session has an activation in this silo now.</summary>
    public bool IsActiveHere(string sessionId) => active.ContainsKey(sessionId);

    /// <summary>Cancelled when the silo's services are disposed: local reads end with an error, as remote ones would.</summary>
    internal CancellationToken Stopping => stopping.Token;

    internal void Activated(string sessionId) => active.AddOrUpdate(sessionId, 1, (_, count) => count + 1);

    internal void Deactivated(string sessionId)
    {
        while (active.TryGetValue(sessionId, out var count))
        {
            if (count <= 1 ? active.TryRemove(new KeyValuePair<string, int>(sessionId, count)) : active.TryUpdate(sessionId, count - 1, count)) return;
        }
    }

    /// <summary>Only cancels: a session activated during the silo's shutdown still links to the (cancelled) token.</summary>
    public void Dispose() => stopping.Cancel();
}
