#pragma warning disable MEAI001 // Microsoft.Extensions.AI's image generation abstraction is experimental in 10.x.
using FeedEngine.Inference.Models;
using FeedEngine.Inference.Scheduling;
using Microsoft.Extensions.AI;

namespace FeedEngine.Inference.ImageGeneration;

/// <summary>
/// The <see cref="IImageGenerator"/> the app resolves: finds the configured image model through <see cref="ImageModelHost"/>
/// (failing fast with <see cref="ModelUnavailableException"/> when it is not ready, before taking a queue slot) and
/// draws every picture through its own <see cref="GenerationScheduler"/>, so pictures take turns between viewers and
/// never hold up the chat model's queue.
/// </summary>
public sealed class InferenceImageGenerator(ImageModelHost host, GenerationScheduler scheduler) : IImageGenerator
{
    ScheduledImageGenerator? scheduled;

    public ModelStatus Status => host.Status;

    public GenerationScheduler Scheduler => scheduler;

    public async Task<ImageGenerationResponse> GenerateAsync(ImageGenerationRequest request, ImageGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var inner = await host.GetGeneratorAsync(cancellationToken).ConfigureAwait(false);
        var current = Volatile.Read(ref scheduled);
        if (current is null || !ReferenceEquals(current.Model, inner))
        {
            current = new ScheduledImageGenerator(inner, scheduler);
            Volatile.Write(ref scheduled, current);
        }
        return await current.GenerateAsync(request, options, cancellationToken).ConfigureAwait(false);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(ImageGeneratorMetadata) ? host.Metadata
        : serviceType == typeof(ModelStatus) ? host.Status
        : serviceType == typeof(ImageModelHost) ? host
        : serviceType == typeof(GenerationScheduler) ? scheduler
        : serviceType.IsInstanceOfType(this) ? this
        : Volatile.Read(ref scheduled)?.GetService(serviceType, serviceKey);

    public void Dispose()
    {
    }
}
