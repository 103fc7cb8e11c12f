namespace FeedEngine.Safety.Filters;

/// <summary>
/// Filters in order: what the first releases is pushed into the second, and so on; the last one's release goes to
/// the viewer. The first stop ends the chain: what the stopping filter let through before its stop still passes the
/// filters after it (flushed, since the reply ends there), and nothing the filters before it held is released.
/// The chain's window is the sum of its members' windows.
/// </summary>
public sealed class OutputFilterChain(params IReadOnlyList<IOutputFilter> filters) : IOutputFilter
{
    /// <summary>The stop that ended the reply, or null while it runs.</summary>
    public FilterStop? Stopped { get; private set; }

    public int Window { get; } = filters.Sum(f => f.Window);

    public FilterResult Push(string frame) => Run(frame, complete: false);

    public FilterResult Complete() => Run("", complete: true);

    FilterResult Run(string text, bool complete)
    {
        if (Stopped is not null) return FilterResult.Stopping(Stopped);
        List<string>? findings = null;
        for (var i = 0; i < filters.Count; i++)
        {
            var result = Step(filters[i], text, complete, ref findings);
            if (result.Stop is { } stop)
            {
                Stopped = stop;
                // Its last words before the stop still go through the filters after it, which then have nothing more to see.
                var released = result.Released;
                for (var j = i + 1; j < filters.Count && released.Length > 0; j++)
                {
                    var after = Step(filters[j], released, complete: true, ref findings);
                    released = after.Stopped ? "" : after.Released;
                }
                return new FilterResult(released, stop, findings);
            }
            text = result.Released;
        }
        return FilterResult.Release(text, findings);
    }

    /// <summary>One filter's turn: the text pushed in, and when the reply is complete, what it still held.</summary>
    static FilterResult Step(IOutputFilter filter, string text, bool complete, ref List<string>? findings)
    {
        var result = filter.Push(text);
        if (complete && !result.Stopped)
        {
            var rest = filter.Complete();
            result = new FilterResult(result.Released + rest.Released, rest.Stop, Merge(result.Findings, rest.Findings));
        }
        if (result.Findings is { Count: > 0 }) (findings ??= []).AddRange(result.Findings);
        return result;
    }

    static IReadOnlyList<string>? Merge(IReadOnlyList<string>? a, IReadOnlyList<string>? b) =>
        a is null ? b : b is null ? a : [.. a, .. b];
}
