#pragma warning disable MEAI001 // Microsoft.Extensions.AI's image generation abstraction is experimental in 10.x.
using FeedEngine.Inference.Scheduling;
using Microsoft.Extensions.AI;

namespace FeedEngine.Inference.ImageGeneration;

/// <summary>
/// Sends every picture through a <see cref="GenerationScheduler"/>: waits for a slot (or answers
/// <see cref="InferenceBusyException"/> when the queue is full), holds it while the picture is drawn, frees it after.
/// Viewers take turns: the viewer comes from <see cref="ImageGenerationKeys.ViewerId"/>, which is removed before the
/// request reaches the model.
/// </summary>
public sealed class ScheduledImageGenerator(IImageGenerator inner, GenerationScheduler scheduler) : DelegatingImageGenerator(inner)
{
    public GenerationScheduler Scheduler { get; } = scheduler;

    /// <summary>The provider's generator behind the scheduler.</summary>
    public IImageGenerator Model => InnerGenerator;

    public override async Task<ImageGenerationResponse> GenerateAsync(ImageGenerationRequest request, ImageGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        using var lease = await Scheduler.AcquireAsync(ViewerOf(options), cancellationToken).ConfigureAwait(false);
        return await base.GenerateAsync(request, WithoutViewer(options), cancellationToken).ConfigureAwait(false);
    }

    public override object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType == typeof(GenerationScheduler) ? Scheduler : base.GetService(serviceType, serviceKey);

    static string ViewerOf(ImageGenerationOptions? options) =>
        options?.AdditionalProperties?.TryGetValue(ImageGenerationKeys.ViewerId, out var value) == true && value is string { Length: > 0 } viewer
            ? viewer
            : ChatOptionsViewer.AnonymousViewer;

    static ImageGenerationOptions? WithoutViewer(ImageGenerationOptions? options)
    {
        if (options?.AdditionalProperties is not { } properties || !properties.ContainsKey(ImageGenerationKeys.ViewerId))
            return options;
        var copy = options.Clone();
        copy.AdditionalProperties = new AdditionalPropertiesDictionary(properties.Where(p => p.Key != ImageGenerationKeys.ViewerId));
        return copy;
    }
}
