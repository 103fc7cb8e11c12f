using System.Text;
using FeedEngine.Safety.Filters;

namespace FeedEngine.Safety.Leaks;

/// <summary>
/// Stops a reply that repeats its prompt's canary token or a long verbatim span of its hidden instructions, even
/// when the model splits it across frames. Matching happens on normalised text (<see cref="LeakText"/>: case, runs of
/// whitespace, emphasis marks and invisible characters do not count), and so does the hold-back: the filter keeps
/// back the raw characters behind the normalised end that may still grow into a marker (<see cref="LeakDetector.OpenEnd"/>:
/// an end found in the hidden text or beginning a canary; never more than <see cref="Window"/>, one less than the
/// longest marker), so a canary is caught before any of it is released and a hidden span before it reaches its length
/// however much whitespace or how many zero-width characters pad it out (at most its first <see cref="SpanHead"/>
/// characters are shown), while ordinary words go out at once (a fixed window of 39 characters delayed every reply's
/// first words by several tokens).
/// </summary>
public sealed class LeakFilter(LeakDetector detector) : IOutputFilter
{
    public const string CanaryCode = "leak.canary";
    public const string VerbatimCode = "leak.verbatim";
    public const string StopMessage = "This reply was stopped because it began to reveal the post's private instructions. Ask something else to carry on.";

    readonly StringBuilder held = new();
    // For each held raw character: the index, in the whole reply's normalised text, of the first normalised character at
    // or after it (a visible character's own index; for whitespace, the space it may become; for dropped marks, the next).
    readonly List<long> positions = [];
    readonly StringBuilder context = new();
    long normalized;
    bool pendingSpace;
    FilterStop? stopped;

    /// <summary>
    /// Normalised characters at the start of a would-be hidden span released before the span is complete. Text shorter
    /// than a span is not a leak (a 39-character quote that then parts from the hidden text goes out whole), so showing
    /// a span's first few characters before stopping it gives away nothing more, and it lets ordinary words, which nearly
    /// always end in a few characters found somewhere in a persona, go out the moment they arrive.
    /// </summary>
    public const int SpanHead = 8;

    /// <summary>The most normalised characters held back (raw characters can be more: padding is held with what it pads).</summary>
    public int Window { get; } = detector.LongestMarker - 1;

    public FilterResult Push(string frame)
    {
        if (stopped is not null) return FilterResult.Stopping(stopped);
        if (frame.Length == 0) return FilterResult.Hold;
        var from = context.Length;
        foreach (var c in frame)
        {
            var before = context.Length;
            LeakText.Append(context, c, ref pendingSpace);
            var added = context.Length - before;
            normalized += added;
            // A visible character is the last normalised one (after the space it may have brought along).
            positions.Add(added > 0 ? normalized - 1 : normalized);
        }
        held.Append(frame);
        var seen = context.ToString();
        if (detector.Find(seen, from) is { } kind)
        {
            stopped = new FilterStop(kind == LeakKind.Canary ? CanaryCode : VerbatimCode, StopMessage);
            held.Clear();
            positions.Clear();
            return FilterResult.Stopping(stopped);
        }
        // Keep just enough normalised context for a marker that starts here and ends in a later frame.
        var keep = detector.LongestMarker - 1;
        if (context.Length > keep) context.Remove(0, context.Length - keep);

        // A marker not yet seen ends at or after the next normalised character and starts within the open end (the
        // pending space counts: a marker may begin with it).
        var next = normalized + (pendingSpace ? 1 : 0);
        var kept = seen.AsSpan(seen.Length - context.Length);
        var open = pendingSpace ? detector.OpenEnd(string.Concat(kept, " "), SpanHead) : detector.OpenEnd(kept, SpanHead);
        var safeBefore = next - open;
        var release = 0;
        while (release < positions.Count && positions[release] < safeBefore) release++;
        if (release == 0) return FilterResult.Hold;
        positions.RemoveRange(0, release);
        var text = held.ToString(0, release);
        held.Remove(0, release);
        return FilterResult.Release(text);
    }

    public FilterResult Complete()
    {
        if (stopped is not null) return FilterResult.Stopping(stopped);
        var rest = held.ToString();
        held.Clear();
        positions.Clear();
        return FilterResult.Release(rest);
    }
}
