using System.Threading.RateLimiting;
using FeedEngine.Safety.Limits;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace FeedEngine.Safety.Tests.Quotas;

public sealed class FixedWindowLimiterTests
{
    [Fact]
    public void Limiter_grantsUpToTheLimit_refusesWithRetryAfter_andRecoversWhenTheWindowEnds()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 3, 14, 9, 0, 0, TimeSpan.Zero));
        using var limiter = new FixedWindowLimiter(3, TimeSpan.FromMinutes(1), clock);

        var granted = Enumerable.Range(0, 3).Select(_ => limiter.AttemptAcquire().IsAcquired).ToList();
        clock.Advance(TimeSpan.FromSeconds(45));
        using var refused = limiter.AttemptAcquire();

        Assert.All(granted, Assert.True);
        Assert.False(refused.IsAcquired);
        Assert.True(refused.TryGetMetadata(MetadataName.RetryAfter, out var wait));
        Assert.Equal(TimeSpan.FromSeconds(15), wait);
        Assert.Equal(0, limiter.GetStatistics()!.CurrentAvailablePermits);
        Assert.Null(limiter.IdleDuration);

        clock.Advance(TimeSpan.FromSeconds(15));
        Assert.True(limiter.AttemptAcquire().IsAcquired);
        Assert.Equal(2, limiter.GetStatistics()!.CurrentAvailablePermits);
    }

    [Fact]
    public void Limiter_isIdleOnceItsWindowEnded()
    {
        var clock = new FakeTimeProvider();
        using var limiter = new FixedWindowLimiter(1, TimeSpan.FromMinutes(1), clock);
        limiter.AttemptAcquire();

        clock.Advance(TimeSpan.FromMinutes(3));

        Assert.Equal(TimeSpan.FromMinutes(2), limiter.IdleDuration);
    }

    [Fact]
    public void MessageLimiter_isPerViewer()
    {
        var clock = new FakeTimeProvider();
        using var messages = new MessageRateLimiter(Options.Create(new SafetyOptions { RateLimits = { MessagesPerMinute = 2 } }), clock);

        Assert.True(messages.TryAcquire("a", out _));
        Assert.True(messages.TryAcquire("a", out _));
        Assert.False(messages.TryAcquire("a", out var wait));
        Assert.True(messages.TryAcquire("b", out _));
        Assert.Equal(TimeSpan.FromMinutes(1), wait);

        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.True(messages.TryAcquire("a", out _));
    }
}
