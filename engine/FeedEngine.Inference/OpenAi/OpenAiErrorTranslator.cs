using System.ClientModel;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace FeedEngine.Inference.OpenAi;

/// <summary>
/// Turns what a model server does wrong (error statuses, refused connections, silence past the timeout, malformed
/// JSON) into <see cref="InferenceProviderException"/> messages that name the server and the failure.
/// The caller's own cancellation stays an <see cref="OperationCanceledException"/>.
/// </summary>
internal sealed class OpenAiErrorTranslator(IChatClient inner, OpenAiEndpoint endpoint) : DelegatingChatClient(inner)
{
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        try
        {
            return await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (Translate(e, cancellationToken) is { } translated)
        {
            throw translated;
        }
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        IAsyncEnumerator<ChatResponseUpdate> updates;
        try
        {
            updates = base.GetStreamingResponseAsync(messages, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
        }
        catch (Exception e) when (Translate(e, cancellationToken) is { } translated)
        {
            throw translated;
        }
        await using (updates.ConfigureAwait(false))
        {
            while (true)
            {
                try
                {
                    if (!await updates.MoveNextAsync().ConfigureAwait(false))
                        break;
                }
                catch (Exception e) when (Translate(e, cancellationToken) is { } translated)
                {
                    throw translated;
                }
                yield return updates.Current;
            }
        }
    }

    Exception? Translate(Exception error, CancellationToken cancellationToken)
    {
        var server = endpoint.Endpoint.ToString();
        return error switch
        {
            OperationCanceledException when cancellationToken.IsCancellationRequested => null,
            ClientResultException { Status: > 0 } e => new InferenceProviderException(
                $"The model server at {server} answered {e.Status} for model '{endpoint.Model}': {Shorten(e.Message)}", e.Status, e),
            ClientResultException e when e.InnerException is HttpRequestException http => new InferenceProviderException(
                $"Could not reach the model server at {server}: {http.Message}", null, e),
            ClientResultException e => new InferenceProviderException($"The model server at {server} failed: {Shorten(e.Message)}", null, e),
            HttpRequestException e => new InferenceProviderException($"Could not reach the model server at {server}: {e.Message}", null, e),
            OperationCanceledException or TimeoutException => new InferenceProviderException(
                $"The model server at {server} did not answer within {(endpoint.Timeout ?? TimeSpan.FromSeconds(100)).TotalSeconds:0.#} s.", null, error),
            JsonException or FormatException or InvalidOperationException { Source: "System.Text.Json" } => new InferenceProviderException(
                $"The model server at {server} sent a reply that is not valid OpenAI chat JSON: {Shorten(error.Message)}", null, error),
            _ => null,
        };
    }

    static string Shorten(string message) => message.Length <= 500 ? message : message[..500] + "...";
}
