using System.Text.RegularExpressions;

namespace FeedEngine.Safety.Moderation;

/// <summary>
/// A parsed Llama Guard answer: <c>safe</c>, or <c>unsafe</c> with categories (<c>unsafe\nS1,S10</c>), read tolerantly
/// (case, blank lines, stray special tokens, categories on the first line or later, spaces, duplicates).
/// Anything else is <see cref="Unreadable"/>.
/// </summary>
public sealed partial record LlamaGuardAnswer(bool Readable, bool Unsafe, IReadOnlyList<string> Categories)
{
    public static LlamaGuardAnswer Unreadable { get; } = new(false, false, []);

    [GeneratedRegex(@"<\|[^|>]*\|>")]
    private static partial Regex SpecialToken();

    [GeneratedRegex(@"\bS\s?(\d{1,2})\b", RegexOptions.IgnoreCase)]
    private static partial Regex Category();

    public static LlamaGuardAnswer Parse(string? output)
    {
        if (string.IsNullOrWhiteSpace(output)) return Unreadable;
        var text = SpecialToken().Replace(output, "\n");
        var lines = text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Where(l => !l.Equals("assistant", StringComparison.OrdinalIgnoreCase))
            .ToList();
        if (lines.Count == 0) return Unreadable;
        var verdict = FirstWord(lines[0]);
        if (verdict == "safe") return new(true, false, []);
        if (verdict != "unsafe") return Unreadable;
        var categories = Category().Matches(string.Join('\n', lines)[FirstWordEnd(lines[0])..])
            .Select(m => "S" + int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))
            .Where(HazardCategories.IsKnown)
            .Distinct()
            .ToList();
        return new(true, true, categories);
    }

    static string FirstWord(string line)
    {
        var word = new string([.. line.TakeWhile(char.IsLetter)]);
        return word.ToLowerInvariant();
    }

    static int FirstWordEnd(string line) => line.TakeWhile(char.IsLetter).Count();
}
