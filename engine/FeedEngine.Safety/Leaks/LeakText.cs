using System.Globalization;
using System.Text;

namespace FeedEngine.Safety.Leaks;

/// <summary>
/// The form in which replies and hidden instructions are compared: lower case, every run of whitespace one space,
/// Markdown emphasis marks and invisible format characters dropped, so "You  are\n**Captain** Mara" and "you are captain mara" match.
/// </summary>
static class LeakText
{
    public static string Normalize(string text)
    {
        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text) Append(builder, c, ref space);
        return builder.ToString().Trim();
    }

    /// <summary>Appends one character in normalised form; <paramref name="space"/> carries a pending space between calls.</summary>
    public static void Append(StringBuilder builder, char c, ref bool space)
    {
        if (char.IsWhiteSpace(c))
        {
            space = builder.Length > 0;
            return;
        }
        // Emphasis marks, and invisible format characters (zero-width spaces and joiners, the word joiner, soft hyphens,
        // direction marks, byte order marks) that would otherwise split a span without showing.
        if (c is '*' or '_' or '`' || char.GetUnicodeCategory(c) == UnicodeCategory.Format) return;
        if (space)
        {
            builder.Append(' ');
            space = false;
        }
        builder.Append(char.ToLowerInvariant(c));
    }
}
