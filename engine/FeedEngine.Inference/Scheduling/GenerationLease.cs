namespace FeedEngine.Inference.Scheduling;

/// <summary>A running generation's slot. Report tokens as they stream; dispose it when the generation ends (or fails, or is cancelled).</summary>
public sealed class GenerationLease : IDisposable
{
    readonly GenerationScheduler scheduler;
    readonly long requested;
    readonly long admitted;
    long firstToken;
    long tokens;
    int disposed;

    internal GenerationLease(GenerationScheduler scheduler, long requested, long admitted, TimeSpan queueWait)
    {
        this.scheduler = scheduler;
        this.requested = requested;
        this.admitted = admitted;
        QueueWait = queueWait;
    }

    /// <summary>Time between the request and its admission.</summary>
    public TimeSpan QueueWait { get; }

    /// <summary>From the request (queue included) to the first token; null until a token arrived.</summary>
    public TimeSpan? TimeToFirstToken { get; private set; }

    public long Tokens => Interlocked.Read(ref tokens);

    /// <summary>Records streamed output tokens; the first call also records the time to first token.</summary>
    public void OnTokens(long count = 1)
    {
        if (count <= 0)
            return;
        if (Interlocked.Add(ref tokens, count) == count)
        {
            firstToken = scheduler.Time.GetTimestamp();
            TimeToFirstToken = scheduler.Time.GetElapsedTime(requested, firstToken);
            scheduler.Metrics.TimeToFirstToken.Record(TimeToFirstToken.Value.TotalSeconds, scheduler.ProviderTag);
        }
        scheduler.Metrics.Tokens.Add(count, scheduler.ProviderTag);
    }

    /// <summary>Corrects the token count to the provider's own usage figure (when it reports one) before the lease ends.</summary>
    public void SetTotalTokens(long total)
    {
        var current = Tokens;
        if (total > current)
            OnTokens(total - current);
    }

    /// <summary>Frees the slot for the next viewer in line and records tokens per second.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
            return;
        var end = scheduler.Time.GetTimestamp();
        var count = Tokens;
        if (count > 1)
        {
            var streaming = scheduler.Time.GetElapsedTime(firstToken, end).TotalSeconds;
            if (streaming > 0)
                scheduler.Metrics.TokensPerSecond.Record((count - 1) / streaming, scheduler.ProviderTag);
        }
        scheduler.Release(scheduler.Time.GetElapsedTime(admitted, end));
    }
}
