using System.Threading.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FeedEngine.Safety.Limits;

/// <summary>
/// Messages per minute per viewer, for the hub (SignalR calls bypass HTTP rate limiting once the connection is open).
/// The hub asks before each <c>Send</c> and answers a refusal with a <c>rateLimited</c> status carrying the wait.
/// </summary>
public sealed class MessageRateLimiter(IOptions<SafetyOptions> options, [FromKeyedServices(SafetyExtensions.ClockKey)] TimeProvider clock) : IDisposable
{
    readonly PartitionedRateLimiter<string> limiter = PartitionedRateLimiter.Create<string, string>(viewerId =>
        RateLimitPartition.Get(viewerId, _ => new FixedWindowLimiter(options.Value.RateLimits.MessagesPerMinute, TimeSpan.FromMinutes(1), clock)));

    /// <summary>True when the viewer may send now; otherwise how long to wait.</summary>
    public bool TryAcquire(string viewerId, out TimeSpan retryAfter)
    {
        using var lease = limiter.AttemptAcquire(viewerId);
        retryAfter = !lease.IsAcquired && lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.Zero;
        return lease.IsAcquired;
    }

    public void Dispose() => limiter.Dispose();
}
