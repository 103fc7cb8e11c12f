using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using OpenAI;

namespace FeedEngine.Inference.OpenAi;

/// <summary>How to reach an OpenAI-compatible chat endpoint (vLLM, SGLang, llama.cpp server, Ollama, OpenAI itself).</summary>
public sealed record OpenAiEndpoint(Uri Endpoint, string Model, string? ApiKey = null, TimeSpan? Timeout = null, int MaxRetries = 1);

/// <summary>The <c>openai</c> provider: Microsoft.Extensions.AI.OpenAI over the configured endpoint, with errors made readable.</summary>
public static class OpenAiChatClientFactory
{
    public static IChatClient Create(OpenAiEndpoint endpoint)
    {
        var options = new OpenAIClientOptions
        {
            Endpoint = endpoint.Endpoint,
            NetworkTimeout = endpoint.Timeout ?? TimeSpan.FromSeconds(100),
            RetryPolicy = new ClientRetryPolicy(Math.Max(0, endpoint.MaxRetries)),
        };
        // Local servers accept any key; the OpenAI client insists on one.
        var key = new ApiKeyCredential(string.IsNullOrEmpty(endpoint.ApiKey) ? "no-key" : endpoint.ApiKey);
        var chat = new OpenAI.Chat.ChatClient(endpoint.Model, key, options).AsIChatClient();
        return new OpenAiErrorTranslator(chat, endpoint);
    }
}
