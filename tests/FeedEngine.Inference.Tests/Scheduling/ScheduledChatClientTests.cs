using System.Runtime.CompilerServices;
using FeedEngine.Inference.Scheduling;
using Microsoft.Extensions.Time.Testing;

namespace FeedEngine.Inference.Tests.Scheduling;

public sealed class ScheduledChatClientTests : IDisposable
{
    readonly InferenceMetrics metrics = new();
    readonly GatedChatClient inner = new();

    ScheduledChatClient Create(int maxConcurrent, int maxQueue = 100) =>
        new(inner, new GenerationScheduler("test", maxConcurrent, maxQueue, new FakeTimeProvider(), metrics));

    static async Task<string> ReadAllAsync(IChatClient client, string viewer, CancellationToken cancellationToken = default)
    {
        var text = "";
        await foreach (var update in client.GetStreamingResponseAsync([new(ChatRole.User, "hi")], new ChatOptions().WithViewer(viewer), cancellationToken))
            text += update.Text;
        return text;
    }

    [Fact]
    public async Task GetStreamingResponseAsync_never_runs_more_than_the_bound()
    {
        var client = Create(maxConcurrent: 2);
        var replies = Enumerable.Range(0, 6).Select(i => ReadAllAsync(client, $"v{i}")).ToList();

        for (var released = 0; released < 6; released++)
        {
            var call = await inner.Started.Reader.ReadAsync();
            Assert.InRange(inner.Running, 1, 2);
            Assert.InRange(client.Scheduler.Running, 1, 2);
            call.TrySetResult();
        }

        Assert.All(await Task.WhenAll(replies), text => Assert.Equal("tok tok", text));
        Assert.Equal(2, inner.MaxRunning);
        Assert.Equal(0, client.Scheduler.Running);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_cancelled_while_running_frees_the_slot()
    {
        var client = Create(maxConcurrent: 1);
        using var cancel = new CancellationTokenSource();
        var first = ReadAllAsync(client, "a", cancel.Token);
        _ = await inner.Started.Reader.ReadAsync();
        var second = ReadAllAsync(client, "b");
        Assert.Equal(1, client.Scheduler.Queued);

        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        var next = await inner.Started.Reader.ReadAsync();
        Assert.Equal(1, client.Scheduler.Running);
        next.TrySetResult();
        Assert.Equal("tok tok", await second);
        Assert.Equal(0, inner.Running);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_over_full_queue_is_busy_before_the_model_is_called()
    {
        var client = Create(maxConcurrent: 1, maxQueue: 1);
        var running = ReadAllAsync(client, "a");
        var call = await inner.Started.Reader.ReadAsync();
        var queued = ReadAllAsync(client, "b");

        var busy = await Assert.ThrowsAsync<InferenceBusyException>(() => ReadAllAsync(client, "c"));

        Assert.True(busy.RetryAfter >= TimeSpan.FromSeconds(1));
        Assert.Equal(1, inner.Calls);
        call.TrySetResult();
        (await inner.Started.Reader.ReadAsync()).TrySetResult();
        await Task.WhenAll(running, queued);
    }

    [Fact]
    public async Task GetResponseAsync_goes_through_the_scheduler_and_hides_the_viewer_from_the_model()
    {
        var client = Create(maxConcurrent: 1);
        var reply = client.GetResponseAsync([new(ChatRole.User, "hi")], new ChatOptions { Temperature = 0.5f }.WithViewer("a"));
        (await inner.Started.Reader.ReadAsync()).TrySetResult();

        Assert.Equal("tok tok", (await reply).Text);
        Assert.Equal(0, client.Scheduler.Running);
        Assert.Null(inner.LastOptions?.AdditionalProperties);
        Assert.Equal(0.5f, inner.LastOptions?.Temperature);
    }

    public void Dispose() => metrics.Dispose();

    /// <summary>A scripted model: each call waits until the test releases it, then streams two tokens.</summary>
    sealed class GatedChatClient : IChatClient
    {
        int running;
        int maxRunning;
        int calls;

        public System.Threading.Channels.Channel<TaskCompletionSource> Started { get; } = System.Threading.Channels.Channel.CreateUnbounded<TaskCompletionSource>();

        public int Running => Volatile.Read(ref running);

        public int MaxRunning => Volatile.Read(ref maxRunning);

        public int Calls => Volatile.Read(ref calls);

        public ChatOptions? LastOptions { get; private set; }

        public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            await GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken);

        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            LastOptions = options;
            Interlocked.Increment(ref calls);
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref maxRunning, now);
            try
            {
                var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                Started.Writer.TryWrite(gate);
                await gate.Task.WaitAsync(cancellationToken);
                yield return new ChatResponseUpdate(ChatRole.Assistant, "tok");
                yield return new ChatResponseUpdate(ChatRole.Assistant, " tok");
            }
            finally
            {
                Interlocked.Decrement(ref running);
            }
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }

        static void InterlockedMax(ref int target, int value)
        {
            int current;
            while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
            {
            }
        }
    }
}
