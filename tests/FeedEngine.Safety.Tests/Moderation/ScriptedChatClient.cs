using Microsoft.Extensions.AI;

namespace FeedEngine.Safety.Tests.Moderation;

/// <summary>A guard model stand-in: answers each call with the next scripted text (or throws), and records what it was asked.</summary>
public sealed class ScriptedChatClient(params Func<IReadOnlyList<ChatMessage>, CancellationToken, Task<string>>[] script) : IChatClient
{
    int next;

    public List<IReadOnlyList<ChatMessage>> Calls { get; } = [];

    public static ScriptedChatClient Answering(params string[] answers) =>
        new([.. answers.Select(a => (Func<IReadOnlyList<ChatMessage>, CancellationToken, Task<string>>)((_, _) => Task.FromResult(a)))]);

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages.ToList();
        Calls.Add(list);
        var step = script[Math.Min(next++, script.Length - 1)];
        return new ChatResponse(new ChatMessage(ChatRole.Assistant, await step(list, cancellationToken)));
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The guard stage asks for whole answers.");

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
