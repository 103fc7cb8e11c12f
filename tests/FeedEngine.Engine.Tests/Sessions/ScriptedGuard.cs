using System.Collections.Concurrent;
using Microsoft.Extensions.AI;

namespace FeedEngine.Engine.Tests.Sessions;

/// <summary>
/// A scripted Llama Guard classifier: it answers <c>unsafe</c> with <see cref="Category"/> when the last message of the
/// exchange it judges contains <see cref="Trigger"/>, else <c>safe</c>. It records what it was asked to judge.
/// </summary>
public sealed class ScriptedGuard : IChatClient
{
    public const string Trigger = "FLAGGEDWORD";
    public const string Category = "S1";

    public ConcurrentQueue<string> Judged { get; } = new();

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var last = messages.Last().Text;
        Judged.Enqueue(last);
        var answer = last.Contains(Trigger, StringComparison.Ordinal) ? $"unsafe\n{Category}" : "safe";
        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, answer)));
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The guard is asked for whole answers.");

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
