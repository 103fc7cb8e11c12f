using System.Text;
using FeedEngine.Safety.Filters;

namespace FeedEngine.Safety.Leaks;

/// <summary>
/// Stops a reply that repeats its prompt's canary token or a long verbatim span of its hidden instructions, even
/// when the model splits it across frames. It holds back the last <see cref="Window"/> characters (one less than the
/// longest marker), so a canary is caught before any of it is released and a hidden span before it reaches its length.
/// </summary>
public sealed class LeakFilter(LeakDetector detector) : IOutputFilter
{
    public const string CanaryCode = "leak.canary";
    public const string VerbatimCode = "leak.verbatim";
    public const string StopMessage = "This reply was stopped because it began to reveal the post's private instructions. Ask something else to carry on.";

    readonly StringBuilder held = new();
    readonly StringBuilder context = new();
    bool pendingSpace;
    FilterStop? stopped;

    public int Window { get; } = detector.LongestMarker - 1;

    public FilterResult Push(string frame)
    {
        if (stopped is not null) return FilterResult.Stopping(stopped);
        if (frame.Length == 0) return FilterResult.Hold;
        var from = context.Length;
        foreach (var c in frame) LeakText.Append(context, c, ref pendingSpace);
        held.Append(frame);
        if (detector.Find(context.ToString(), from) is { } kind)
        {
            stopped = new FilterStop(kind == LeakKind.Canary ? CanaryCode : VerbatimCode, StopMessage);
            held.Clear();
            return FilterResult.Stopping(stopped);
        }
        // Keep just enough normalised context for a marker that starts here and ends in a later frame.
        var keep = detector.LongestMarker - 1;
        if (context.Length > keep) context.Remove(0, context.Length - keep);
        if (held.Length <= Window) return FilterResult.Hold;
        var release = held.ToString(0, held.Length - Window);
        held.Remove(0, release.Length);
        return FilterResult.Release(release);
    }

    public FilterResult Complete()
    {
        if (stopped is not null) return FilterResult.Stopping(stopped);
        var rest = held.ToString();
        held.Clear();
        return FilterResult.Release(rest);
    }
}
