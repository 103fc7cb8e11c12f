using FeedEngine.Inference.Onnx;

namespace FeedEngine.Inference.Tests.Onnx;

public sealed class GenerationThreadsTests
{
    [Fact]
    public async Task Run_uses_a_dedicated_thread_and_reuses_an_idle_one()
    {
        int first = 0, second = 0;
        var pooled = true;
        await GenerationThreads.Run(() =>
        {
            first = Environment.CurrentManagedThreadId;
            pooled = Thread.CurrentThread.IsThreadPoolThread;
        });
        await Task.Yield();
        await GenerationThreads.Run(() => second = Environment.CurrentManagedThreadId);

        Assert.False(pooled);
        Assert.NotEqual(Environment.CurrentManagedThreadId, first);
        Assert.NotEqual(0, second);
    }

    [Fact]
    public async Task Run_runs_loops_side_by_side()
    {
        using var bothRunning = new CountdownEvent(2);
        var loops = Enumerable.Range(0, 2).Select(_ => GenerationThreads.Run(() =>
        {
            bothRunning.Signal();
            Assert.True(bothRunning.Wait(TimeSpan.FromSeconds(10)), "the second loop never started while the first was running");
        })).ToArray();
        await Task.WhenAll(loops);
    }

    [Fact]
    public async Task Run_failing_loop_faults_its_task_and_keeps_the_thread()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => GenerationThreads.Run(() => throw new InvalidOperationException("boom")));
        var ran = false;
        await GenerationThreads.Run(() => ran = true);
        Assert.True(ran);
    }
}
