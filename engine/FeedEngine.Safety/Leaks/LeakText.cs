using System.Text;

namespace FeedEngine.Safety.Leaks;

/// <summary>
/// The form in which replies and hidden instructions are compared: lower case, every run of whitespace one space,
/// Markdown emphasis marks dropped, so "You  are\n**Captain** Mara" and "you are captain mara" match.
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
        if (c is '*' or '_' or '`' or '\u200B' or '\u200C' or '\u200D' or '\uFEFF') return;
        if (space)
        {
            builder.Append(' ');
            space = false;
        }
        builder.Append(char.ToLowerInvariant(c));
    }
}
