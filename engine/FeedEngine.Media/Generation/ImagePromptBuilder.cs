using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FeedEngine.Storage.Posts;

namespace FeedEngine.Media.Generation;

/// <summary>
/// Builds the image prompt from a post's style and the conversation's state: who is in the picture (the character's
/// fixed description), what the viewer asked to see, where the scene is, the style's scene variables, then the look.
/// Only what the creator named reaches the prompt: the location variable, the scene variables and <c>{{name}}</c>
/// placeholders in the style's prompt; other (possibly hidden) state never does. The same style, character and
/// state give the same prompt, so the picture can be served from the cache.
/// </summary>
public static partial class ImagePromptBuilder
{
    /// <summary>The longest part a viewer's request adds, in characters.</summary>
    public const int MaxAskLength = 200;

    public static string Build(ImageStyle style, CharacterLook? character, JsonObject? state, string? viewerAsk = null, int maxLength = 600)
    {
        var parts = new List<string>();
        if (character is not null)
            parts.Add(string.IsNullOrWhiteSpace(character.Description) ? character.Name : $"{character.Name}, {character.Description}");
        if (Clean(viewerAsk) is { Length: > 0 } ask)
            parts.Add(ask.Length <= MaxAskLength ? ask : ask[..MaxAskLength]);

        var used = new HashSet<string>(StringComparer.Ordinal);
        var look = Placeholder().Replace(style.Prompt, match =>
        {
            var name = match.Groups["name"].Value;
            used.Add(name);
            return ValueOf(state, name) ?? "";
        });
        if (!used.Contains(style.LocationVariable) && ValueOf(state, style.LocationVariable) is { Length: > 0 } location)
        {
            parts.Add($"setting: {location}");
            used.Add(style.LocationVariable);
        }
        foreach (var name in style.SceneVariables)
        {
            if (used.Add(name) && ValueOf(state, name) is { Length: > 0 } value)
                parts.Add($"{Words(name)}: {value}");
        }
        parts.Add(look);

        var prompt = Clean(string.Join(", ", parts.Select(Clean).Where(p => p.Length > 0)));
        return prompt.Length <= maxLength ? prompt : prompt[..maxLength].TrimEnd(' ', ',');
    }

    /// <summary>A state value as words: text as is, numbers invariant, true as the variable's name, lists joined; objects and nulls say nothing.</summary>
    static string? ValueOf(JsonObject? state, string name)
    {
        if (state is null || !state.TryGetPropertyValue(name, out var node) || node is null)
            return null;
        return node switch
        {
            JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
            JsonValue value when value.GetValueKind() == JsonValueKind.Number => value.ToJsonString(),
            JsonValue value when value.GetValueKind() == JsonValueKind.True => Words(name),
            JsonValue value when value.GetValueKind() == JsonValueKind.False => null,
            JsonArray array => string.Join(", ", array.Select(item => item is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : item?.ToJsonString()).Where(s => !string.IsNullOrWhiteSpace(s))),
            _ => null,
        };
    }

    /// <summary>"time_of_day" and "timeOfDay" read as "time of day".</summary>
    static string Words(string name)
    {
        var words = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (c is '_' or '-')
                words.Append(' ');
            else if (char.IsUpper(c) && i > 0 && char.IsLower(name[i - 1]))
                words.Append(' ').Append(char.ToLower(c, CultureInfo.InvariantCulture));
            else
                words.Append(c);
        }
        return words.ToString();
    }

    /// <summary>No control characters, single spaces, trimmed.</summary>
    static string Clean(string? text) =>
        text is null ? "" : Whitespace().Replace(new string(text.Select(c => char.IsControl(c) ? ' ' : c).ToArray()), " ").Trim();

    [GeneratedRegex(@"\{\{\s*(?<name>[A-Za-z0-9_.\-]+)\s*\}\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
