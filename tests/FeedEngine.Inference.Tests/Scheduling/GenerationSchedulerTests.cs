using FeedEngine.Inference.Scheduling;
using Microsoft.Extensions.Time.Testing;

namespace FeedEngine.Inference.Tests.Scheduling;

public sealed class GenerationSchedulerTests : IDisposable
{
    readonly FakeTimeProvider time = new();
    readonly InferenceMetrics metrics = new();

    GenerationScheduler Create(int maxConcurrent, int maxQueue = 100, TimeSpan? expected = null) =>
        new("test", maxConcurrent, maxQueue, time, metrics, expected);

    [Fact]
    public async Task AcquireAsync_admits_at_most_max_concurrent()
    {
        var scheduler = Create(maxConcurrent: 2);
        var requests = Enumerable.Range(0, 5).Select(i => scheduler.AcquireAsync($"viewer-{i}").AsTask()).ToList();

        Assert.Equal(2, requests.Count(r => r.IsCompletedSuccessfully));
        Assert.Equal(2, scheduler.Running);
        Assert.Equal(3, scheduler.Queued);

        (await requests[0]).Dispose();
        Assert.Equal(3, requests.Count(r => r.IsCompletedSuccessfully));
        Assert.Equal(2, scheduler.Running);

        foreach (var request in requests.Skip(1))
            (await request).Dispose();
        Assert.Equal(0, scheduler.Running);
        Assert.Equal(0, scheduler.Queued);
    }

    [Fact]
    public async Task AcquireAsync_viewer_with_twenty_queued_does_not_delay_another_viewers_single_request()
    {
        var scheduler = Create(maxConcurrent: 1);
        var busy = await scheduler.AcquireAsync("greedy");
        var greedy = Enumerable.Range(0, 20).Select(_ => scheduler.AcquireAsync("greedy").AsTask()).ToList();
        var polite = scheduler.AcquireAsync("polite").AsTask();

        busy.Dispose();
        Assert.True(greedy[0].IsCompletedSuccessfully);
        Assert.False(polite.IsCompleted);

        (await greedy[0]).Dispose();
        Assert.True(polite.IsCompletedSuccessfully, "the other viewer is served after one of the twenty, not after all of them");
        Assert.False(greedy[1].IsCompleted);
        (await polite).Dispose();
        Assert.True(greedy[1].IsCompletedSuccessfully);
    }

    [Fact]
    public async Task AcquireAsync_serves_waiting_viewers_round_robin()
    {
        var scheduler = Create(maxConcurrent: 1);
        var holder = await scheduler.AcquireAsync("holder");
        var waiting = new[] { "a", "a", "a", "b", "b", "b", "c" }
            .Select(viewer => (Viewer: viewer, Lease: scheduler.AcquireAsync(viewer).AsTask()))
            .ToList();

        var served = new List<string>();
        holder.Dispose();
        while (waiting.Count > 0)
        {
            var admitted = Assert.Single(waiting, w => w.Lease.IsCompletedSuccessfully);
            waiting.Remove(admitted);
            served.Add(admitted.Viewer);
            (await admitted.Lease).Dispose();
        }

        Assert.Equal(["a", "b", "c", "a", "b", "a", "b"], served);
    }

    [Fact]
    public async Task AcquireAsync_full_queue_answers_busy_with_retry_after()
    {
        var scheduler = Create(maxConcurrent: 1, maxQueue: 2, expected: TimeSpan.FromSeconds(2));
        using var running = await scheduler.AcquireAsync("a");
        var queued = new[] { scheduler.AcquireAsync("b").AsTask(), scheduler.AcquireAsync("c").AsTask() };

        var busy = Assert.Throws<InferenceBusyException>(() => scheduler.AcquireAsync("d"));

        Assert.Equal(TimeSpan.FromSeconds(6), busy.RetryAfter);
        Assert.Contains("Try again in 6 s", busy.Message, StringComparison.Ordinal);
        Assert.Equal(2, scheduler.Queued);
        Assert.All(queued, q => Assert.False(q.IsCompleted));
    }

    [Fact]
    public async Task AcquireAsync_zero_queue_admits_up_to_the_bound_then_is_busy()
    {
        var scheduler = Create(maxConcurrent: 1, maxQueue: 0);
        using var running = await scheduler.AcquireAsync("a");
        Assert.Throws<InferenceBusyException>(() => scheduler.AcquireAsync("b"));
    }

    [Fact]
    public async Task RetryAfter_follows_measured_generation_time()
    {
        var scheduler = Create(maxConcurrent: 1, maxQueue: 0, expected: TimeSpan.FromSeconds(1));
        for (var i = 0; i < 30; i++)
        {
            var lease = await scheduler.AcquireAsync("a");
            time.Advance(TimeSpan.FromSeconds(20));
            lease.Dispose();
        }
        Assert.InRange(scheduler.EstimateRetryAfter().TotalSeconds, 19, 20);
    }

    [Fact]
    public async Task AcquireAsync_cancelled_while_queued_leaves_the_queue()
    {
        var scheduler = Create(maxConcurrent: 1);
        var running = await scheduler.AcquireAsync("a");
        using var cancel = new CancellationTokenSource();
        var cancelled = scheduler.AcquireAsync("b", cancel.Token).AsTask();
        var next = scheduler.AcquireAsync("c").AsTask();

        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.Equal(1, scheduler.Queued);
        running.Dispose();
        Assert.True(next.IsCompletedSuccessfully);
        Assert.Equal(1, scheduler.Running);
    }

    [Fact]
    public void AcquireAsync_already_cancelled_is_not_queued()
    {
        var scheduler = Create(maxConcurrent: 1);
        Assert.Throws<OperationCanceledException>(() => scheduler.AcquireAsync("a", new CancellationToken(canceled: true)));
        Assert.Equal(0, scheduler.Running);
    }

    [Fact]
    public async Task Lease_dispose_twice_frees_one_slot()
    {
        var scheduler = Create(maxConcurrent: 1);
        var lease = await scheduler.AcquireAsync("a");
        var second = scheduler.AcquireAsync("b").AsTask();
        var third = scheduler.AcquireAsync("c").AsTask();
        lease.Dispose();
        lease.Dispose();
        Assert.True(second.IsCompletedSuccessfully);
        Assert.False(third.IsCompleted);
        Assert.Equal(1, scheduler.Running);
    }

    public void Dispose() => metrics.Dispose();
}
