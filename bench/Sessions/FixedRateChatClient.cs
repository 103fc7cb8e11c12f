using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace FeedEngine.Bench.Sessions;

/// <summary>
/// A model that answers every message with <c>tokens</c> tokens of "tok " at a fixed rate per stream after a fixed time to
/// first token, whatever the load: the engine's overhead is then everything the benchmark sees beyond it. Records when
/// it was asked and when it emitted each reply's first token (keyed by the message text).
/// </summary>
sealed class FixedRateChatClient(int tokens, double tokensPerSecond, TimeSpan timeToFirstToken) : IChatClient
{
    public const string Token = "tok ";
    static readonly TimeSpan MinimumWait = TimeSpan.FromMilliseconds(1);

    public ConcurrentDictionary<string, long> FirstTokenAt { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, long> RequestedAt { get; } = new(StringComparer.Ordinal);

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var key = messages.Last().Text;
        RequestedAt[key] = Stopwatch.GetTimestamp();
        await Task.Delay(timeToFirstToken, cancellationToken);
        var start = Stopwatch.GetTimestamp();
        FirstTokenAt[key] = start;
        var sent = 0;
        while (sent < tokens)
        {
            var due = Math.Min(tokens, 1 + (int)(Stopwatch.GetElapsedTime(start).TotalSeconds * tokensPerSecond));
            for (; sent < due; sent++) yield return new ChatResponseUpdate(ChatRole.Assistant, Token);
            // Sleep until the next token is due: one wake-up per token (a fixed 10 ms tick woke 500 streams 50,000 times a
            // second, five times the tokens, and its timers were the model's share of the server's work and garbage).
            if (sent < tokens)
            {
                var next = TimeSpan.FromSeconds(sent / tokensPerSecond) - Stopwatch.GetElapsedTime(start);
                await Task.Delay(next > MinimumWait ? next : MinimumWait, cancellationToken);
            }
        }
    }

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
