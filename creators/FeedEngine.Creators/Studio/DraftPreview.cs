using System.Text.Json;
using FeedEngine.Creators.Posts;
using FeedEngine.Storage.Posts;

namespace FeedEngine.Creators.Studio;

/// <summary>
/// What the studio's preview shows of a draft before a conversation starts: the greetings, the state a session starts
/// with, the prompt's fixed token budget by part, and which lore entries a message's words would bring in. The live
/// conversation itself (lore that really fired, state before and after each turn, rejected changes) comes from the
/// session runtime; see the preview page.
/// </summary>
public sealed record DraftPreview(
    string Title,
    IReadOnlyList<string> Greetings,
    IReadOnlyList<PreviewStateValue> InitialState,
    IReadOnlyList<PromptPart> AlwaysSent,
    int AlwaysSentBudget,
    IReadOnlyList<PreviewLoreEntry> Lore)
{
    public int AlwaysSentTotal => AlwaysSent.Sum(p => p.Tokens);

    public static DraftPreview Of(PostContent draft, string? message = null) => new(
        draft.Title,
        draft.Greetings,
        [.. draft.StateSchema.Select(v => new PreviewStateValue(v.Name, PostEditorFormText(v.DefaultJson), v.VisibleToViewer))],
        [.. new PromptPart[]
        {
            new("Persona", TokenEstimate.Of(draft.Persona)),
            new("Personality", TokenEstimate.Of(draft.Personality)),
            new("Scenario", TokenEstimate.Of(draft.Scenario)),
            new("System prompt", TokenEstimate.Of(draft.SystemPrompt)),
            new("Hidden instructions", TokenEstimate.Of(draft.HiddenInstructions)),
            new("Rules", TokenEstimate.Of(draft.Rules)),
            new("Canon", TokenEstimate.Of(draft.Canon)),
            new("Always-on lore", TokenEstimate.Of(draft.Lore.Where(l => l.Enabled && l.AlwaysOn).Select(l => l.Content))),
        }.Where(p => p.Tokens > 0)],
        PostLimits.AlwaysSentTokenBudget,
        [.. draft.Lore.Select(l => new PreviewLoreEntry(l.Name, l.Keys, TokenEstimate.Of(l.Content), l.Enabled, l.AlwaysOn, Why(l, message)))]);

    /// <summary>
    /// Whether the entry's keys appear in <paramref name="message"/> (case-insensitive; a selective entry also needs one
    /// of its secondary keys). A key check for authoring, not the runtime's full lore scan over recent turns.
    /// </summary>
    static string? Why(LoreEntry entry, string? message)
    {
        if (!entry.Enabled) return null;
        if (entry.AlwaysOn) return "always on";
        if (string.IsNullOrWhiteSpace(message)) return null;
        var key = entry.Keys.FirstOrDefault(k => message.Contains(k, StringComparison.OrdinalIgnoreCase));
        if (key is null) return null;
        if (entry.Selective && entry.SecondaryKeys.Count > 0)
        {
            var secondary = entry.SecondaryKeys.FirstOrDefault(k => message.Contains(k, StringComparison.OrdinalIgnoreCase));
            return secondary is null ? null : $"'{key}' and '{secondary}'";
        }
        return $"'{key}'";
    }

    static string PostEditorFormText(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.ValueKind == JsonValueKind.String ? document.RootElement.GetString()! : document.RootElement.GetRawText();
    }
}

public sealed record PreviewStateValue(string Name, string Value, bool VisibleToViewer);

public sealed record PromptPart(string Name, int Tokens);

/// <summary>A lore entry in the preview; <see cref="FiredBy"/> says why it would be inserted for the tried message, or null.</summary>
public sealed record PreviewLoreEntry(string Name, IReadOnlyList<string> Keys, int Tokens, bool Enabled, bool AlwaysOn, string? FiredBy);
