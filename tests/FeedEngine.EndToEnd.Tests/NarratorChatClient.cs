using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace FeedEngine.EndToEnd.Tests;

/// <summary>
/// The browser tests' model, at the model boundary (the tests are about the pages and the session runtime, not about
/// generation): a narrator that answers in a few streamed pieces and proposes a state change the way the prompt's state
/// protocol asks, raising <c>alarm</c> by 2; a message with "dynamite" proposes an alarm of 99, which a schema
/// bounded 0..10 refuses. When the prompt carries lore it quotes the first lore line, so a page can show it was used.
/// </summary>
public sealed class NarratorChatClient : IChatClient
{
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var list = messages.ToList();
        var system = list.FirstOrDefault(m => m.Role == ChatRole.System)?.Text ?? "";
        var message = list[^1].Text;
        var lore = system.Split('\n').FirstOrDefault(l => l.StartsWith("- ", StringComparison.Ordinal) && system.Contains("What you know", StringComparison.Ordinal)
            && system.IndexOf(l, StringComparison.Ordinal) > system.IndexOf("What you know", StringComparison.Ordinal));
        string[] pieces =
        [
            "Fog rolls ",
            "over the harbor. ",
            lore is null ? "Nobody has heard of that. " : $"You recall: {lore[2..]} ",
            "What now? ",
            message.Contains("dynamite", StringComparison.OrdinalIgnoreCase) ? "<state>{\"set\":{\"alarm\":99}}</state>" : "<state>{\"inc\":{\"alarm\":2}}</state>",
        ];
        foreach (var piece in pieces)
        {
            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
            yield return new ChatResponseUpdate(ChatRole.Assistant, piece);
        }
    }

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("Sessions stream their replies.");

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
