using FeedEngine.Engine.Viewers;
using Microsoft.Extensions.Time.Testing;

namespace FeedEngine.Engine.Tests.Viewers;

public sealed class SendRateLimiterTests
{
    [Fact]
    public void TryAcquire_beyondThePerMinuteAllowance_refusesUntilTheOldestSendLeavesTheWindow()
    {
        var time = new FakeTimeProvider();
        var limiter = new SendRateLimiter(3, time);

        Assert.True(limiter.TryAcquire(out _));
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.True(limiter.TryAcquire(out _));
        Assert.True(limiter.TryAcquire(out _));
        Assert.False(limiter.TryAcquire(out var retryAfter));
        Assert.Equal(TimeSpan.FromSeconds(50), retryAfter);

        time.Advance(TimeSpan.FromSeconds(49));
        Assert.False(limiter.TryAcquire(out retryAfter));
        Assert.Equal(TimeSpan.FromSeconds(1), retryAfter);

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(limiter.TryAcquire(out _));
        Assert.False(limiter.TryAcquire(out _));
    }
}
