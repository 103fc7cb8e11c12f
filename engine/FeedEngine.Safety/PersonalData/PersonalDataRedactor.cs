using System.Text.RegularExpressions;

namespace FeedEngine.Safety.PersonalData;

/// <summary>
/// Finds personal data in model output and replaces it with a placeholder: e-mail addresses, phone numbers (9 to 15
/// digits with the usual separators) and payment card numbers (13 to 19 digits that pass the Luhn check).
/// Ordinary numbers (years, prices, decimals, short codes) are left alone.
/// </summary>
public static partial class PersonalDataRedactor
{
    public const string Email = "pii.email";
    public const string Phone = "pii.phone";
    public const string Card = "pii.card";

    public const string EmailPlaceholder = "[e-mail removed]";
    public const string PhonePlaceholder = "[phone number removed]";
    public const string CardPlaceholder = "[card number removed]";

    [GeneratedRegex(@"(?<![\w.+%-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,24}(?![\w-])", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex EmailPattern();

    /// <summary>A digit run with phone/card separators: spaces, dots, dashes, parentheses, a leading plus.</summary>
    [GeneratedRegex(@"(?<![\w+])\+?\(?\d(?:[\d\s().-]{0,30}\d)?(?![\w])", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex NumberPattern();

    /// <summary>The text with personal data replaced, and the kinds found (empty when nothing was).</summary>
    public static (string Text, IReadOnlyList<string> Found) Redact(string text)
    {
        if (string.IsNullOrEmpty(text)) return (text ?? "", []);
        // Most frames hold neither an '@' nor a digit (what either pattern needs, \d being any Unicode digit): they go
        // out as they are, without a list, two delegates and two regex scans for each.
        if (!MayHoldPersonalData(text)) return (text, []);
        var found = new List<string>();
        var result = EmailPattern().Replace(text, _ =>
        {
            Add(found, Email);
            return EmailPlaceholder;
        });
        result = NumberPattern().Replace(result, match => RedactRun(match.Value, found));
        return (result, found);
    }

    static bool MayHoldPersonalData(string text)
    {
        foreach (var c in text)
        {
            if (c == '@' || char.IsDigit(c)) return true;
        }
        return false;
    }

    /// <summary>
    /// A run of digits and separators may hold one number or several side by side ("415-555-0100 4111111111111111"):
    /// the whole run first, then the longest classifiable groups of its blank-separated parts, left to right.
    /// </summary>
    static string RedactRun(string run, List<string> found)
    {
        if (Classify(run) is { } whole)
        {
            Add(found, whole);
            return Placeholder(whole);
        }
        var pieces = Blanks().Split(run);
        // Only numbers written compactly side by side are split apart; blank-separated short groups
        // ("4111 1111 1111 1112", a card that fails Luhn) are one number, and not personal data.
        if (pieces.Length < 3 || !pieces.Where((_, i) => i % 2 == 0).All(IsCompactNumber)) return run;
        var output = new System.Text.StringBuilder(run.Length);
        var i = 0;
        var count = (pieces.Length + 1) / 2;
        while (i < count)
        {
            var end = -1;
            string? kind = null;
            for (var j = count; j > i; j--)
            {
                if (i == 0 && j == count) continue;
                kind = Classify(Join(pieces, i, j));
                if (kind is not null)
                {
                    end = j;
                    break;
                }
            }
            if (kind is null)
            {
                output.Append(pieces[2 * i]);
                end = i + 1;
            }
            else
            {
                Add(found, kind);
                output.Append(Placeholder(kind));
            }
            if (end < count) output.Append(pieces[2 * end - 1]);
            i = end;
        }
        return output.ToString();
    }

    /// <summary>Parts <paramref name="from"/> to <paramref name="to"/> (exclusive) with the blanks between them.</summary>
    static string Join(string[] pieces, int from, int to) => string.Concat(pieces[(2 * from)..(2 * to - 1)]);

    static bool IsCompactNumber(string piece) => piece.Count(char.IsAsciiDigit) >= 7 || piece.IndexOfAny(['-', '.', '(', ')', '+']) >= 0;

    static string Placeholder(string kind) => kind switch
    {
        Card => CardPlaceholder,
        Phone => PhonePlaceholder,
        _ => EmailPlaceholder,
    };

    [GeneratedRegex(@"(\s+)")]
    private static partial Regex Blanks();

    /// <summary><see cref="Card"/>, <see cref="Phone"/> or null for an ordinary number.</summary>
    public static string? Classify(string candidate)
    {
        var trimmed = candidate.Trim();
        Span<char> digits = stackalloc char[trimmed.Length];
        var count = 0;
        foreach (var c in trimmed)
            if (char.IsAsciiDigit(c)) digits[count++] = c;
        digits = digits[..count];
        // Runs of blanks inside are separators between words, not within one number: "in 1999 and 2005" has none of those shapes.
        if (trimmed.Contains("  ", StringComparison.Ordinal)) return null;
        if (count is >= 13 and <= 19 && PassesLuhn(digits) && !IsDecimal(trimmed)) return Card;
        if (count is >= 9 and <= 15 && !IsDecimal(trimmed) && LooksLikePhone(trimmed, count)) return Phone;
        return null;
    }

    /// <summary>The Luhn checksum of payment card numbers.</summary>
    public static bool PassesLuhn(ReadOnlySpan<char> digits)
    {
        var sum = 0;
        var doubled = false;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            var d = digits[i] - '0';
            if (doubled)
            {
                d *= 2;
                if (d > 9) d -= 9;
            }
            sum += d;
            doubled = !doubled;
        }
        return digits.Length > 0 && sum % 10 == 0;
    }

    /// <summary>One dot between digits and nothing else (3.14159265) is a decimal number, not a phone.</summary>
    static bool IsDecimal(string s) => s.Count(c => c == '.') == 1 && s.All(c => char.IsAsciiDigit(c) || c == '.');

    /// <summary>
    /// A phone number: an international prefix, parentheses, or digit groups of 2 to 4 separated by one character
    /// (415-555-0100, 0171 234 5678), or 10 to 11 bare digits. Space-separated groups need at least three groups.
    /// </summary>
    static bool LooksLikePhone(string s, int digitCount)
    {
        if (s.StartsWith('+') || s.Contains('(')) return true;
        var groups = s.Split([' ', '-', '.', ')'], StringSplitOptions.RemoveEmptyEntries);
        if (groups.Length == 1) return digitCount is 10 or 11;
        return groups.Length >= 3 && groups.All(g => g.Length is >= 2 and <= 5 && g.All(char.IsAsciiDigit));
    }

    static void Add(List<string> found, string kind)
    {
        if (!found.Contains(kind)) found.Add(kind);
    }
}
