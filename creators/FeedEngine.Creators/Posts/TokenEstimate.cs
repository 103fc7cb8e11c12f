using FeedEngine.Storage.Posts;

namespace FeedEngine.Creators.Posts;

/// <summary>
/// A rough token count for budgets shown while authoring: about four characters a token, as for English text with
/// Llama-family tokenizers. Good enough to warn; the runtime counts exactly.
/// </summary>
public static class TokenEstimate
{
    public const int CharactersPerToken = 4;

    public static int Of(string? text) => string.IsNullOrEmpty(text) ? 0 : (text.Length + CharactersPerToken - 1) / CharactersPerToken;

    public static int Of(IEnumerable<string> texts) => texts.Sum(Of);

    /// <summary>The parts of a post that go into every prompt, whatever the viewer says.</summary>
    public static int AlwaysSent(PostContent content) =>
        Of(content.Persona) + Of(content.Personality) + Of(content.Scenario) + Of(content.SystemPrompt)
        + Of(content.HiddenInstructions) + Of(content.Canon) + Of(content.Rules)
        + Of(content.Lore.Where(l => l.Enabled && l.AlwaysOn).Select(l => l.Content));
}
