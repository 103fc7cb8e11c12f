using FeedEngine.Engine.Memory;
using FeedEngine.Storage.Sessions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FeedEngine.Engine.Sessions;

/// <summary>
/// Viewer memory in a session: recalled facts go into each reply's prompt, and once the session has been quiet for
/// <see cref="MemoryOptions.QuietSeconds"/> its new messages are read for facts. Only the owner's: in a co-play room one
/// person's memory is neither recalled in front of the others nor built from the others' messages.
/// </summary>
internal sealed partial class SessionGrain
{
    CancellationTokenSource? quiet;

    async Task<IReadOnlyList<string>> RecallAsync(CancellationToken cancellationToken)
    {
        if (running is not { } run || session is null || session.Participants.Count > 1 || run.Message.ViewerId != session.OwnerId) return [];
        return await ServiceProvider.GetRequiredService<MemoryRecall>().RecallAsync(run.Message.ViewerId, program.PostId, run.Message.Text, cancellationToken);
    }

    /// <summary>(Re)starts the quiet period after a turn is stored.</summary>
    void ScheduleMemory()
    {
        quiet?.Cancel();
        quiet?.Dispose();
        quiet = new CancellationTokenSource();
        _ = ExtractWhenQuietAsync(quiet.Token);
    }

    async Task ExtractWhenQuietAsync(CancellationToken token)
    {
        var clock = ServiceProvider.GetRequiredService<MemoryClock>().Time;
        var wait = TimeSpan.FromSeconds(ServiceProvider.GetRequiredService<IOptions<MemoryOptions>>().Value.QuietSeconds);
        try
        {
            await Task.Delay(wait, clock, token);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            return;
        }
        // A reply started meanwhile: its end starts the quiet period again.
        if (running is not null || session is null) return;
        try
        {
            await ExtractMemoryAsync();
        }
        catch (Exception e)
        {
            // The boundary of a background task: memory is best effort, the conversation goes on.
            MemoryLog.ExtractionFailed(logger, e, SessionId);
        }
    }

    async Task ExtractMemoryAsync()
    {
        var through = session!.MemoryThroughSeq;
        if (lastTurnSeq <= through) return;
        var fresh = turns.Where(t => t.Seq > through && t.Role == TurnRole.Viewer && t.AuthorId == session.OwnerId).ToList();
        if (fresh.Count > 0)
            await ServiceProvider.GetRequiredService<MemoryExtractor>().ExtractAsync(new MemorySource(session.OwnerId, program.PostId, SessionId, fresh), CancellationToken.None);
        session.MemoryThroughSeq = lastTurnSeq;
        await SaveSessionAsync();
    }
}
