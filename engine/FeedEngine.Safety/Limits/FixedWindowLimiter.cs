using System.Threading.RateLimiting;

namespace FeedEngine.Safety.Limits;

/// <summary>
/// A fixed-window limiter on a <see cref="TimeProvider"/>: <c>permitLimit</c> permits per window, no queue, and a
/// rejection that says when the window ends (<see cref="MetadataName.RetryAfter"/>). The framework's limiters keep
/// their own time; this one lets tests move the clock instead of sleeping.
/// </summary>
public sealed class FixedWindowLimiter(int permitLimit, TimeSpan window, TimeProvider clock) : RateLimiter
{
    readonly Lock gate = new();
    DateTimeOffset windowStart = clock.GetUtcNow();
    int used;

    public override TimeSpan? IdleDuration
    {
        get
        {
            lock (gate)
            {
                var now = clock.GetUtcNow();
                var end = windowStart + window;
                if (now >= end) return now - end;
                return used == 0 ? now - windowStart : null;
            }
        }
    }

    public override RateLimiterStatistics? GetStatistics()
    {
        lock (gate)
        {
            Roll(clock.GetUtcNow());
            return new RateLimiterStatistics { CurrentAvailablePermits = permitLimit - used };
        }
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        lock (gate)
        {
            var now = clock.GetUtcNow();
            Roll(now);
            if (used + permitCount <= permitLimit)
            {
                used += permitCount;
                return Lease.Granted;
            }
            var wait = windowStart + window - now;
            return new Lease(false, wait < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : wait);
        }
    }

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AttemptAcquireCore(permitCount));

    void Roll(DateTimeOffset now)
    {
        if (now < windowStart + window) return;
        windowStart = now;
        used = 0;
    }

    sealed class Lease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public static Lease Granted { get; } = new(true, null);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = metadataName == MetadataName.RetryAfter.Name ? retryAfter : null;
            return metadata is not null;
        }
    }
}
