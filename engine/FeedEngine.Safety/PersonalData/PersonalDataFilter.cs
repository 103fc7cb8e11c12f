using System.Text;
using FeedEngine.Safety.Filters;

namespace FeedEngine.Safety.PersonalData;

/// <summary>
/// Redacts personal data from a streaming reply. It holds back only the tail that could still grow into an e-mail
/// address or a phone or card number (the last word, or a trailing run of digits and separators), never more than
/// <see cref="Window"/> characters, and releases everything before it redacted.
/// </summary>
public sealed class PersonalDataFilter(int window = PersonalDataFilter.DefaultWindow) : IOutputFilter
{
    /// <summary>Enough for a card number with separators, an international phone number or a usual e-mail address.</summary>
    public const int DefaultWindow = 64;

    readonly StringBuilder pending = new();

    public int Window { get; } = window;

    public FilterResult Push(string frame)
    {
        pending.Append(frame);
        var holdFrom = Math.Max(HoldFrom(pending), pending.Length - Window);
        if (holdFrom <= 0) return FilterResult.Hold;
        var ready = pending.ToString(0, holdFrom);
        pending.Remove(0, holdFrom);
        return Redacted(ready);
    }

    public FilterResult Complete()
    {
        var rest = pending.ToString();
        pending.Clear();
        return Redacted(rest);
    }

    static FilterResult Redacted(string text)
    {
        var (redacted, found) = PersonalDataRedactor.Redact(text);
        return FilterResult.Release(redacted, found.Count > 0 ? found : null);
    }

    /// <summary>Where the tail that might still become personal data starts: the last word, or a digit run with separators.</summary>
    static int HoldFrom(StringBuilder text)
    {
        var end = text.Length;
        var word = end;
        while (word > 0 && IsWordChar(text[word - 1])) word--;
        var number = end;
        var sawDigit = false;
        while (number > 0 && IsNumberChar(text[number - 1]))
        {
            sawDigit |= char.IsAsciiDigit(text[number - 1]);
            number--;
        }
        // A number run starts at its first digit (or the + or parenthesis right before it), not at leading blanks.
        while (number < end && char.IsWhiteSpace(text[number])) number++;
        if (!sawDigit) number = end;
        // The run may belong to an e-mail address ("x@y.com" then more); the word start covers that.
        return Math.Min(word, number);
    }

    static bool IsWordChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '%' or '+' or '-' or '@';

    static bool IsNumberChar(char c) => char.IsAsciiDigit(c) || c is ' ' or '-' or '.' or '(' or ')' or '+';
}
