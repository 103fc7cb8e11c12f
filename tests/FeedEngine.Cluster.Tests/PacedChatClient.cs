using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace FeedEngine.Cluster.Tests;

/// <summary>
/// A fake model at the boundary these tests are not about: answers every message with <see cref="Tokens"/> numbered
/// words, one per <see cref="Interval"/>. <see cref="Gate"/> lets a test stop it as a dead process would (it then
/// never yields again until cancelled). It records which node served which message.
/// </summary>
public sealed class PacedChatClient(string node, int tokens, TimeSpan interval) : IChatClient
{
    public static readonly ConcurrentDictionary<string, string> ServedBy = new(StringComparer.Ordinal);

    public string Node { get; } = node;
    public int Tokens { get; } = tokens;
    public TimeSpan Interval { get; } = interval;
    public volatile bool Dead;

    public static string Word(int i) => $"w{i} ";

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var last = messages.Last().Text;
        ServedBy[last] = Node;
        for (var i = 0; i < Tokens; i++)
        {
            if (Interval > TimeSpan.Zero) await Task.Delay(Interval, cancellationToken);
            while (Dead) await Task.Delay(Timeout.Infinite, cancellationToken);
            yield return new ChatResponseUpdate(ChatRole.Assistant, Word(i));
        }
    }

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("Sessions stream their replies.");

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
