using FeedEngine.Inference.Scheduling;
using Microsoft.Extensions.Time.Testing;

namespace FeedEngine.Inference.Tests.Scheduling;

public sealed class SchedulerMetricsTests
{
    [Fact]
    public async Task Lease_records_queue_wait_time_to_first_token_and_tokens_per_second()
    {
        var time = new FakeTimeProvider();
        using var metrics = new InferenceMetrics();
        using var recorder = new MetricsRecorder(metrics);
        var scheduler = new GenerationScheduler("test", 1, 10, time, metrics);

        var first = await scheduler.AcquireAsync("a");
        var queued = scheduler.AcquireAsync("b").AsTask();
        time.Advance(TimeSpan.FromSeconds(3));
        first.Dispose();
        using var second = await queued;
        time.Advance(TimeSpan.FromMilliseconds(250));
        second.OnTokens();
        time.Advance(TimeSpan.FromSeconds(2));
        second.OnTokens(10);
        second.SetTotalTokens(21);
        second.Dispose();

        Assert.Equal([0d, 3d], recorder.Of("feedengine.inference.queue_wait").Order());
        Assert.Equal(TimeSpan.FromSeconds(3), second.QueueWait);
        Assert.Equal(3.25, Assert.Single(recorder.Of("feedengine.inference.time_to_first_token")), 3);
        Assert.Equal(10, Assert.Single(recorder.Of("feedengine.inference.tokens_per_second")), 3);
        Assert.Equal(21, recorder.Of("feedengine.inference.tokens").Sum());
    }

    [Fact]
    public async Task Scheduler_reports_running_queued_and_rejected()
    {
        using var metrics = new InferenceMetrics();
        using var recorder = new MetricsRecorder(metrics);
        var scheduler = new GenerationScheduler("test", 1, 1, TimeProvider.System, metrics);
        using var running = await scheduler.AcquireAsync("a");
        _ = scheduler.AcquireAsync("b");
        Assert.Throws<InferenceBusyException>(() => scheduler.AcquireAsync("c"));

        recorder.Observe();

        Assert.Equal([1d], recorder.Of("feedengine.inference.running"));
        Assert.Equal([1d], recorder.Of("feedengine.inference.queued"));
        Assert.Equal([1d], recorder.Of("feedengine.inference.rejected"));
    }
}
