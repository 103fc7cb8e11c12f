namespace FeedEngine.Inference.Models;

/// <summary>
/// What the configured chat model can take, known without loading it (the session snapshot tells viewers whether they
/// may attach pictures). <see cref="ModelHost"/> implements it from configuration and the model folder.
/// </summary>
public interface IChatModelCapabilities
{
    /// <summary>True when the chat model reads images: a vision catalog entry, a vision model folder (<c>phi3v</c>, <c>gemma3</c>...),
    /// or an openai-provider model declared with <c>Inference:OpenAI:Vision</c>.</summary>
    bool ReadsImages { get; }
}
