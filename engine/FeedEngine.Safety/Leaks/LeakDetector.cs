using System.Text;

namespace FeedEngine.Safety.Leaks;

/// <summary>
/// What must never reach a viewer for one prompt: its canary tokens and every span of at least
/// <see cref="MinSpanLength"/> characters (compared case- and whitespace-insensitively) of its hidden texts: persona,
/// hidden instructions, rules, a brand persona. Immutable and thread-safe; build one per post version (or per prompt)
/// and give each reply its own <see cref="LeakFilter"/>.
/// </summary>
public sealed class LeakDetector
{
    public const int DefaultMinSpanLength = 40;

    readonly string[] canaries;
    readonly HiddenSpans spans;

    public LeakDetector(IEnumerable<string> canaryTokens, IEnumerable<string?> hiddenTexts, int minSpanLength = DefaultMinSpanLength)
        : this(canaryTokens, new HiddenSpans(hiddenTexts, minSpanLength))
    {
    }

    /// <summary>Canaries of one prompt over hidden texts indexed once (<see cref="HiddenSpans"/>, shared by many detectors).</summary>
    public LeakDetector(IEnumerable<string> canaryTokens, HiddenSpans hiddenSpans)
    {
        spans = hiddenSpans;
        MinSpanLength = hiddenSpans.MinSpanLength;
        canaries = [.. canaryTokens.Select(LeakText.Normalize).Where(c => c.Length > 0).Distinct()];
        LongestMarker = Math.Max(MinSpanLength, canaries.Length == 0 ? 0 : canaries.Max(c => c.Length));
    }

    public int MinSpanLength { get; }

    /// <summary>The longest thing to look for: a filter holds one character less than this.</summary>
    public int LongestMarker { get; }

    /// <summary>
    /// The first canary or hidden span in <paramref name="normalized"/> that ends at or after <paramref name="from"/>
    /// (so text already checked is not checked again), or null.
    /// </summary>
    internal LeakKind? Find(ReadOnlySpan<char> normalized, int from)
    {
        foreach (var canary in canaries)
        {
            var start = Math.Max(0, from - canary.Length + 1);
            if (start < normalized.Length && normalized[start..].IndexOf(canary, StringComparison.Ordinal) >= 0) return LeakKind.Canary;
        }
        for (var end = Math.Max(MinSpanLength, from + 1); end <= normalized.Length; end++)
        {
            var span = normalized.Slice(end - MinSpanLength, MinSpanLength);
            if (spans.Starts.TryGetValue(string.GetHashCode(span), out var at)
                && (spans.Text.AsSpan(at, MinSpanLength).SequenceEqual(span) || spans.Text.AsSpan().IndexOf(span, StringComparison.Ordinal) >= 0))
                return LeakKind.Verbatim;
        }
        return null;
    }

    /// <summary>
    /// How many characters at the end of <paramref name="normalized"/> may still grow into a marker: the longest end that
    /// appears in the hidden text (shorter than a span, else it would have been found) or begins a canary. No marker
    /// found later can start before it, so a filter holds back only this much: ordinary words go out at once, and text
    /// that follows the hidden text waits until it either parts from it or reaches a span's length.
    /// </summary>
    /// <param name="normalized">The text so far, normalised (its end is what matters).</param>
    /// <param name="spanHead">How many characters at the start of a would-be hidden span may go out before the span is
    /// complete: the end found in the hidden text counts only beyond them. A canary's beginning is always held whole.</param>
    internal int OpenEnd(ReadOnlySpan<char> normalized, int spanHead = 0)
    {
        var limit = Math.Min(normalized.Length, LongestMarker - 1);
        var open = 0;
        // An end that does not appear in the hidden text has no longer end that does: stop at the first miss.
        for (var length = 1; length <= Math.Min(limit, MinSpanLength - 1); length++)
        {
            if (spans.Text.AsSpan().IndexOf(normalized[^length..], StringComparison.Ordinal) < 0) break;
            open = length;
        }
        open = Math.Max(0, open - spanHead);
        foreach (var canary in canaries)
        {
            for (var length = Math.Min(limit, canary.Length - 1); length > open; length--)
            {
                if (!canary.AsSpan().StartsWith(normalized[^length..], StringComparison.Ordinal)) continue;
                open = length;
                break;
            }
        }
        return open;
    }

    /// <summary>Checks a whole text at once (a finished reply, a stored turn).</summary>
    public LeakKind? Find(string text) => Find(LeakText.Normalize(text), 0);
}

public enum LeakKind { Canary, Verbatim }

/// <summary>
/// The hidden texts of a program, normalised and indexed by every span of <see cref="MinSpanLength"/> characters.
/// Immutable and thread-safe: build it once per program and give it to the detector of each session or prompt (a
/// thousand sessions of one post built a thousand equal indexes before).
/// </summary>
public sealed class HiddenSpans
{
    public HiddenSpans(IEnumerable<string?> hiddenTexts, int minSpanLength = LeakDetector.DefaultMinSpanLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minSpanLength, 8);
        MinSpanLength = minSpanLength;
        // Texts are joined by a character normalised text never holds, so no span crosses from one into the next.
        var builder = new StringBuilder();
        foreach (var text in hiddenTexts)
        {
            if (string.IsNullOrWhiteSpace(text)) continue;
            builder.Append(LeakText.Normalize(text)).Append('\n');
        }
        Text = builder.ToString();
        var starts = new Dictionary<int, int>();
        for (var start = 0; start + minSpanLength <= Text.Length; start++)
        {
            var span = Text.AsSpan(start, minSpanLength);
            if (span.Contains('\n')) continue;
            starts.TryAdd(string.GetHashCode(span), start);
        }
        Starts = starts;
    }

    public int MinSpanLength { get; }

    /// <summary>The normalised hidden texts, one per line.</summary>
    internal string Text { get; }

    /// <summary>Where a span with a given hash first starts in <see cref="Text"/>.</summary>
    internal IReadOnlyDictionary<int, int> Starts { get; }
}
