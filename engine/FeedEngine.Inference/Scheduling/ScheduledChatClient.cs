using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace FeedEngine.Inference.Scheduling;

/// <summary>
/// Sends every call through a <see cref="GenerationScheduler"/>: waits for a slot (or answers busy), holds it while the
/// reply streams, and frees it when the reply ends, fails or is cancelled. The viewer comes from <see cref="ChatOptionsViewer.WithViewer"/>.
/// </summary>
public sealed class ScheduledChatClient(IChatClient inner, GenerationScheduler scheduler) : DelegatingChatClient(inner)
{
    public GenerationScheduler Scheduler { get; } = scheduler;

    /// <summary>The provider's client behind the scheduler.</summary>
    public IChatClient Model => InnerClient;

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        using var lease = await Scheduler.AcquireAsync(options.ViewerId(), cancellationToken).ConfigureAwait(false);
        var response = await base.GetResponseAsync(messages, options.WithoutViewer(), cancellationToken).ConfigureAwait(false);
        lease.SetTotalTokens(response.Usage?.OutputTokenCount ?? 0);
        return response;
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var lease = await Scheduler.AcquireAsync(options.ViewerId(), cancellationToken).ConfigureAwait(false);
        await foreach (var update in base.GetStreamingResponseAsync(messages, options.WithoutViewer(), cancellationToken).ConfigureAwait(false))
        {
            if (update.Contents.Count > 0)
            {
                foreach (var content in update.Contents)
                {
                    if (content is TextContent { Text.Length: > 0 })
                        lease.OnTokens();
                    else if (content is UsageContent { Details.OutputTokenCount: { } total })
                        lease.SetTotalTokens(total);
                }
            }
            yield return update;
        }
    }
}

/// <summary>Carries the viewer a generation is for, so the scheduler can take turns between viewers.</summary>
public static class ChatOptionsViewer
{
    public const string ViewerIdKey = "feedengine.viewer_id";
    public const string AnonymousViewer = "anonymous";

    /// <summary>Marks <paramref name="options"/> as a request of <paramref name="viewerId"/>; returns the same options.</summary>
    public static ChatOptions WithViewer(this ChatOptions options, string viewerId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(viewerId);
        (options.AdditionalProperties ??= [])[ViewerIdKey] = viewerId;
        return options;
    }

    /// <summary>The options without the viewer marker, so it never reaches a model server.</summary>
    internal static ChatOptions? WithoutViewer(this ChatOptions? options)
    {
        if (options?.AdditionalProperties is not { } properties || !properties.ContainsKey(ViewerIdKey))
            return options;
        var copy = options.Clone();
        copy.AdditionalProperties = new AdditionalPropertiesDictionary(properties.Where(p => p.Key != ViewerIdKey));
        if (copy.AdditionalProperties.Count == 0)
            copy.AdditionalProperties = null;
        return copy;
    }

    public static string ViewerId(this ChatOptions? options) =>
        options?.AdditionalProperties?.TryGetValue(ViewerIdKey, out var value) == true && value is string { Length: > 0 } viewer ? viewer : AnonymousViewer;
}
