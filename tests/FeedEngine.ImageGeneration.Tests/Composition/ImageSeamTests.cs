using FeedEngine.ImageGeneration.Tests.Generation;
using FeedEngine.Inference;
using FeedEngine.Inference.ImageGeneration;
using FeedEngine.Inference.Scheduling;
using FeedEngine.Media.Generation;
using Microsoft.Extensions.DependencyInjection;

namespace FeedEngine.ImageGeneration.Tests.Composition;

/// <summary>The seam between Media (which asks for pictures) and Inference (which draws them).</summary>
public sealed class ImageSeamTests
{
    [Fact]
    public void Keys_spelledInMedia_areTheOnesInferenceReads()
    {
        Assert.Equal(ImageGenerationKeys.Seed, ImageRequestKeys.Seed);
        Assert.Equal(ImageGenerationKeys.Steps, ImageRequestKeys.Steps);
        Assert.Equal(ImageGenerationKeys.ViewerId, ImageRequestKeys.ViewerId);
        Assert.Equal(ChatOptionsViewer.ViewerIdKey, ImageRequestKeys.ViewerId);
    }

    [Fact]
    public async Task AddInference_registersAScheduledGenerator_withItsOwnQueue_andReportsTheModelBeforeLoading()
    {
        await using var app = await SceneHost.StartAsync();

        var generator = app.Services.GetRequiredService<InferenceImageGenerator>();

        Assert.Equal("tiny", generator.GetService<ImageGeneratorMetadata>()!.DefaultModelId);
        Assert.NotSame(app.Services.GetRequiredService<GenerationScheduler>(), generator.Scheduler);
        Assert.Equal(1, generator.Scheduler.MaxConcurrent);
        Assert.Equal("tiny", app.Scenes.Model);
    }

    [Fact]
    public async Task ScheduledGenerator_takesTurnsBetweenViewers_andKeepsTheViewerFromTheModel()
    {
        var model = new HeldGenerator();
        using var metrics = new InferenceMetrics();
        var scheduler = new GenerationScheduler("image-test", maxConcurrent: 1, maxQueue: 10, TimeProvider.System, metrics);
        using var scheduled = new ScheduledImageGenerator(model, scheduler);
        ImageGenerationOptions For(string viewer, int index) => new() { AdditionalProperties = new() { [ImageGenerationKeys.ViewerId] = viewer, ["index"] = $"{viewer}{index}" } };

        var running = scheduled.GenerateAsync(new ImageGenerationRequest("first"), For("a", 0));
        await model.Started.Reader.ReadAsync();
        var waiting = new[] { ("a", 1), ("a", 2), ("a", 3), ("b", 1) }.Select(p => scheduled.GenerateAsync(new ImageGenerationRequest("next"), For(p.Item1, p.Item2))).ToList();
        while (scheduler.Queued < 4)
            await Task.Delay(10);
        var order = new List<string>();
        model.Release.Release();
        for (var i = 0; i < 4; i++)
        {
            order.Add(await model.Started.Reader.ReadAsync());
            model.Release.Release();
        }
        await Task.WhenAll(waiting.Append(running));

        Assert.Equal(["a1", "b1", "a2", "a3"], order);
        Assert.DoesNotContain(model.SeenOptions, o => o!.AdditionalProperties!.ContainsKey(ImageGenerationKeys.ViewerId));
    }

    [Fact]
    public async Task ScheduledGenerator_queueFull_answersBusy()
    {
        var model = new HeldGenerator();
        using var metrics = new InferenceMetrics();
        using var scheduled = new ScheduledImageGenerator(model, new GenerationScheduler("image-test", 1, maxQueue: 1, TimeProvider.System, metrics));

        var running = scheduled.GenerateAsync(new ImageGenerationRequest("one"));
        await model.Started.Reader.ReadAsync();
        var queued = scheduled.GenerateAsync(new ImageGenerationRequest("two"));

        var busy = await Assert.ThrowsAsync<InferenceBusyException>(() => scheduled.GenerateAsync(new ImageGenerationRequest("three")));
        Assert.Contains("Try again", busy.Message);
        model.Release.Release(2);
        await Task.WhenAll(running, queued);
    }

    /// <summary>A model stand-in that reports each start and draws only when released.</summary>
    sealed class HeldGenerator : IImageGenerator
    {
        public System.Threading.Channels.Channel<string> Started { get; } = System.Threading.Channels.Channel.CreateUnbounded<string>();
        public SemaphoreSlim Release { get; } = new(0);
        public System.Collections.Concurrent.ConcurrentQueue<ImageGenerationOptions?> SeenOptions { get; } = new();

        public async Task<ImageGenerationResponse> GenerateAsync(ImageGenerationRequest request, ImageGenerationOptions? options = null, CancellationToken cancellationToken = default)
        {
            SeenOptions.Enqueue(options);
            await Started.Writer.WriteAsync(options?.AdditionalProperties?["index"] as string ?? request.Prompt!, cancellationToken);
            await Release.WaitAsync(cancellationToken);
            return new ImageGenerationResponse([new DataContent(new byte[] { 1 }, "image/png")]);
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
