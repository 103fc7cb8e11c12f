using System.Runtime.CompilerServices;
using FeedEngine.Inference.Models;
using FeedEngine.Inference.Scheduling;
using Microsoft.Extensions.AI;

namespace FeedEngine.Inference;

/// <summary>
/// The <see cref="IChatClient"/> the app resolves: finds the configured model through <see cref="ModelHost"/>
/// (failing fast with <see cref="ModelUnavailableException"/> when it is not ready, before taking a queue slot)
/// and sends every call through the <see cref="GenerationScheduler"/>.
/// </summary>
public sealed class InferenceChatClient(ModelHost host, GenerationScheduler scheduler) : IChatClient
{
    ScheduledChatClient? scheduled;

    public ModelStatus Status => host.Status;

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        await (await ScheduledAsync(cancellationToken).ConfigureAwait(false)).GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var client = await ScheduledAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var update in client.GetStreamingResponseAsync(messages, options, cancellationToken).ConfigureAwait(false))
            yield return update;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(ModelStatus) ? host.Status
        : serviceType == typeof(ModelHost) ? host
        : serviceType == typeof(GenerationScheduler) ? scheduler
        : serviceType.IsInstanceOfType(this) ? this
        : Volatile.Read(ref scheduled)?.GetService(serviceType, serviceKey);

    public void Dispose()
    {
    }

    async ValueTask<ScheduledChatClient> ScheduledAsync(CancellationToken cancellationToken)
    {
        var inner = await host.GetChatClientAsync(cancellationToken).ConfigureAwait(false);
        var current = Volatile.Read(ref scheduled);
        if (current is not null && ReferenceEquals(current.Model, inner))
            return current;
        var created = new ScheduledChatClient(inner, scheduler);
        Volatile.Write(ref scheduled, created);
        return created;
    }
}
