using System.Text.RegularExpressions;

namespace FeedEngine.Ads.Campaigns;

/// <summary>
/// The rules every advertiser-written text follows: it is shown as plain text, so markup, scripts, HTML entities,
/// control characters and direction overrides (which could disguise the "Sponsored" label) are refused, with a
/// message saying what to remove.
/// </summary>
public static partial class PlainText
{
    /// <summary>Null when <paramref name="value"/> is acceptable; else what to change. <paramref name="what"/> names the field in a sentence.</summary>
    public static string? Error(string? value, string what, int maxLength, bool required = true, bool multiline = false)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text)) return required ? $"Enter {what}." : null;
        if (text.Length > maxLength)
            return $"{Capitalize(what)} can have at most {maxLength} characters; this one has {text.Length}. Shorten it.";
        return ContentError(text, what, multiline);
    }

    /// <summary>The markup, script and character checks without the length and presence checks.</summary>
    public static string? ContentError(string text, string what, bool multiline = false)
    {
        if (text.AsSpan().IndexOfAny('<', '>') >= 0)
            return $"Remove the < and > characters from {what}: it is shown as plain text, so markup and scripts are not allowed.";
        if (ScriptUrl().IsMatch(text))
            return $"Remove the script address (javascript:, vbscript:, data:) from {what}: scripts are not allowed.";
        if (Entity().IsMatch(text))
            return $"Write the characters themselves in {what}, not HTML entities such as &amp; or &#60;.";
        foreach (var c in text)
        {
            if (multiline && c is '\n' or '\r') continue;
            if (char.IsControl(c))
                return multiline
                    ? $"Remove the tabs and other control characters from {what}."
                    : $"Remove the line breaks, tabs and other control characters from {what}: it is a single line.";
            if (IsDirectionOverride(c))
                return $"Remove the invisible text-direction characters from {what}.";
        }
        return null;
    }

    /// <summary>Trims, and turns Windows line breaks into '\n'.</summary>
    public static string Clean(string? value) => (value ?? "").Trim().Replace("\r\n", "\n").Replace('\r', '\n');

    /// <summary>A value quoted for an error message, cut to a readable length.</summary>
    public static string Quote(string value) => "\"" + (value.Length <= 30 ? value : value[..30] + "…") + "\"";

    static bool IsDirectionOverride(char c) => c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or '\u200E' or '\u200F' or '\u061C';

    internal static string Capitalize(string what) => what.Length == 0 ? what : char.ToUpperInvariant(what[0]) + what[1..];

    [GeneratedRegex(@"(javascript|vbscript|data)\s*:", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ScriptUrl();

    [GeneratedRegex(@"&(#[0-9]{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,31});", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Entity();
}
