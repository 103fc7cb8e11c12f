using FeedEngine.Engine.Abstractions.Sessions;
using Microsoft.Extensions.DependencyInjection;

namespace FeedEngine.Engine.Sessions;

internal sealed partial class SessionGrain
{
    /// <summary>This silo's list of active sessions (absent where the engine's services are not all registered: then every read pulls).</summary>
    LocalSessions? localSessions;

    /// <summary>Cancelled when this activation ends: its local reads stop with an error, and the reader resumes.</summary>
    CancellationTokenSource? localReadsStop;

    /// <summary>The local reads open now.</summary>
    readonly List<LocalSessionReader> localReaders = [];

    void OpenLocalReads()
    {
        localSessions = ServiceProvider.GetService<LocalSessions>();
        localSessions?.Activated(SessionId);
    }

    /// <summary>
    /// Ends the open local reads with an error, here and now: their own loops may never run again, since work queued on
    /// an activation that has ended is dropped.
    /// </summary>
    void CloseLocalReads()
    {
        localSessions?.Deactivated(SessionId);
        foreach (var reader in localReaders)
            reader.Events.TryComplete(new OperationCanceledException($"Session {SessionId} is no longer active here; resume to read on."));
        localReadsStop?.Cancel();
        // It is linked to the silo's token: disposing it takes its registration off that long-lived source.
        localReadsStop?.Dispose();
    }

    public Task OpenLocalReadAsync(SessionRead read, LocalSessionReader reader)
    {
        _ = WriteLocalReadAsync(read, reader);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Runs the read on the grain's scheduler, as the pulled one does, and writes its events into the reader's channel.
    /// While any local read is open the activation is kept: a pulled read keeps it by its calls.
    /// </summary>
    async Task WriteLocalReadAsync(SessionRead read, LocalSessionReader reader)
    {
        localReadsStop ??= CancellationTokenSource.CreateLinkedTokenSource(localSessions?.Stopping ?? CancellationToken.None);
        localReaders.Add(reader);
        if (localReaders.Count == 1) DelayDeactivation(TimeSpan.MaxValue);
        Exception? failure = null;
        try
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(reader.Cancellation, localReadsStop.Token);
            await foreach (var item in ReadAsync(read, stop.Token))
            {
                if (!reader.Events.TryWrite(item)) await reader.Events.WriteAsync(item, stop.Token);
            }
        }
        catch (Exception e)
        {
            failure = e;
        }
        finally
        {
            localReaders.Remove(reader);
            if (localReaders.Count == 0) DelayDeactivation(TimeSpan.Zero);
        }
        reader.Events.TryComplete(failure);
    }
}
