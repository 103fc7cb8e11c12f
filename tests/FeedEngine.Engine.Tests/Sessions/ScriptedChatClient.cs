using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace FeedEngine.Engine.Tests.Sessions;

/// <summary>How the scripted model answers one message: these pieces, this far apart, then (optionally) nothing until cancelled.</summary>
public sealed class Script(IReadOnlyList<string> tokens, TimeSpan delay = default, bool holdOpen = false, Exception? failure = null)
{
    public Exception? Failure { get; } = failure;
    public IReadOnlyList<string> Tokens { get; } = tokens;
    public TimeSpan Delay { get; } = delay;
    public bool HoldOpen { get; } = holdOpen;

    /// <summary>When set, the pieces are made from the request instead (a model that repeats its prompt).</summary>
    public Func<IReadOnlyList<ChatMessage>, IReadOnlyList<string>>? Compose { get; init; }
    public int Calls;
    public readonly TaskCompletionSource Cancelled = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>
/// A fake model at the boundary the grain tests are not about: answers each message (by its text) with its script,
/// records every request, and notices cancellation. Unknown messages get "Hello there."
/// </summary>
public sealed class ScriptedChatClient : IChatClient
{
    readonly ConcurrentDictionary<string, Script> scripts = new(StringComparer.Ordinal);

    public ConcurrentQueue<(IReadOnlyList<ChatMessage> Messages, ChatOptions? Options)> Requests { get; } = new();

    public Script Reply(string message, params string[] tokens) => Reply(message, new Script(tokens));

    public Script Reply(string message, Script script)
    {
        scripts[message] = script;
        return script;
    }

    /// <summary>The messages the model was sent for the latest request whose last message was <paramref name="message"/>.</summary>
    public IReadOnlyList<ChatMessage> PromptFor(string message) =>
        Requests.Last(r => r.Messages[^1].Text == message).Messages;

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var list = messages.ToList();
        Requests.Enqueue((list, options));
        var script = scripts.GetValueOrDefault(list[^1].Text) ?? new Script(["Hello", " there."]);
        Interlocked.Increment(ref script.Calls);
        using var registration = cancellationToken.Register(() => script.Cancelled.TrySetResult());
        foreach (var token in script.Compose?.Invoke(list) ?? script.Tokens)
        {
            if (script.Delay > TimeSpan.Zero) await Task.Delay(script.Delay, cancellationToken);
            cancellationToken.ThrowIfCancellationRequested();
            yield return new ChatResponseUpdate(ChatRole.Assistant, token);
        }
        if (script.Failure is not null) throw script.Failure;
        if (script.HoldOpen) await Task.Delay(Timeout.Infinite, cancellationToken);
    }

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("Sessions stream their replies.");

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
