using System.Threading.Channels;
using Microsoft.Extensions.AI;

namespace FeedEngine.Engine.Sessions;

/// <summary>Reads a model's streamed reply on the thread pool, so the grain sees text in frames, never a call per token.</summary>
internal static class ModelStream
{
    /// <summary>Writes the reply's text pieces; every outcome, an error included, completes <paramref name="writer"/>.</summary>
    public static async Task ProduceAsync(IChatClient chat, IReadOnlyList<ChatMessage> messages, ChatOptions options, ChannelWriter<string> writer, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var update in chat.GetStreamingResponseAsync(messages, options, cancellationToken).ConfigureAwait(false))
            {
                if (update.Text is { Length: > 0 } text) writer.TryWrite(text);
            }
            writer.TryComplete();
        }
        catch (Exception e)
        {
            // The boundary between the model and the grain: the grain's reader rethrows it on its own scheduler.
            writer.TryComplete(e);
        }
    }
}
