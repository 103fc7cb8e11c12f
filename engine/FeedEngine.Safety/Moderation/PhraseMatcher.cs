using System.Globalization;
using System.Text;

namespace FeedEngine.Safety.Moderation;

/// <summary>
/// Whole-word, case-insensitive matching of keyword and phrase lists, tolerant of extra whitespace and punctuation
/// between words ("sports  betting", "Sports-Betting" both match "sports betting"), never matching inside a word
/// ("meth" does not match "method"), and blind to invisible characters inside a word ("be\u200Btting").
/// </summary>
public sealed class PhraseMatcher
{
    readonly string[] phrases;

    public PhraseMatcher(IEnumerable<string>? phrases) =>
        this.phrases = [.. (phrases ?? []).Select(Normalize).Where(p => p.Length > 0).Distinct()];

    public bool IsEmpty => phrases.Length == 0;

    /// <summary>The phrases found in the text, in list order.</summary>
    public IReadOnlyList<string> Find(string text)
    {
        if (phrases.Length == 0 || string.IsNullOrEmpty(text)) return [];
        var normalized = " " + Normalize(text) + " ";
        return [.. phrases.Where(p => normalized.Contains(" " + p + " ", StringComparison.Ordinal))];
    }

    /// <summary>Lower case letters and digits, every other run of characters one space.</summary>
    public static string Normalize(string text)
    {
        var builder = new StringBuilder(text.Length);
        var gap = false;
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c) || c == '\'')
            {
                if (gap && builder.Length > 0) builder.Append(' ');
                gap = false;
                if (c != '\'') builder.Append(char.ToLowerInvariant(c));
            }
            // Invisible format characters (zero-width spaces and joiners, soft hyphens) inside a word do not split it.
            else if (char.GetUnicodeCategory(c) != UnicodeCategory.Format) gap = true;
        }
        return builder.ToString();
    }
}
