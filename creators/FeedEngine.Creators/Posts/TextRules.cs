using System.Text.RegularExpressions;

namespace FeedEngine.Creators.Posts;

/// <summary>
/// What text a post may hold. Short fields shown on cards (titles, hooks, tags, suggested replies, names) are plain text:
/// no markup at all. Long fields viewers read (greetings, creator notes) may keep harmless formatting, never active
/// content (scripts, frames, event handlers, <c>javascript:</c> links). No field holds control characters or
/// direction overrides, which disguise what a text says.
/// </summary>
public static partial class TextRules
{
    /// <summary>Why <paramref name="text"/> cannot be a plain-text field, or null when it can.</summary>
    public static string? PlainTextProblem(string text, string what)
    {
        if (HiddenCharacterProblem(text, what) is { } hidden) return hidden;
        var tag = AnyTag().Match(text);
        return tag.Success
            ? $"{what} contains markup ({Excerpt(tag.Value)}). It is shown as plain text: remove the tags."
            : null;
    }

    /// <summary>Why <paramref name="text"/> cannot be a long text viewers read, or null when it can.</summary>
    public static string? ReadableTextProblem(string text, string what)
    {
        if (HiddenCharacterProblem(text, what) is { } hidden) return hidden;
        var active = ActiveContent().Match(text);
        return active.Success
            ? $"{what} contains active web content ({Excerpt(active.Value)}). Scripts, frames, event handlers and javascript: links are not allowed: remove it."
            : null;
    }

    /// <summary>Why <paramref name="text"/> cannot be stored at all, or null: control characters and direction overrides.</summary>
    public static string? HiddenCharacterProblem(string text, string what)
    {
        foreach (var c in text)
        {
            if (c is '\n' or '\r' or '\t') continue;
            if (char.IsControl(c))
                return $"{what} contains an invisible control character (U+{(int)c:X4}). Retype or paste the text again without it.";
            if (c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069')
                return $"{what} contains a text-direction override (U+{(int)c:X4}), which can disguise what it says. Remove it.";
        }
        return null;
    }

    static string Excerpt(string value) => value.Length <= 24 ? value : value[..24] + "…";

    [GeneratedRegex(@"<\s*/?\s*[a-zA-Z!?][^>]*>?", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex AnyTag();

    [GeneratedRegex(
        @"<\s*/?\s*(script|iframe|frame|frameset|object|embed|applet|style|link|meta|base|form|svg|math)\b|javascript\s*:|vbscript\s*:|data\s*:\s*text/html|<[^>]*\s(on[a-z]+)\s*=",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex ActiveContent();
}
