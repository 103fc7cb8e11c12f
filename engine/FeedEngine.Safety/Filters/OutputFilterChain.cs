namespace FeedEngine.Safety.Filters;

/// <summary>
/// Filters in order: what the first releases is pushed into the second, and so on; the last one's release goes to
/// the viewer. The first stop ends the chain. The chain's window is the sum of its members' windows.
/// </summary>
public sealed class OutputFilterChain(params IReadOnlyList<IOutputFilter> filters) : IOutputFilter
{
    FilterStop? stopped;

    public int Window { get; } = filters.Sum(f => f.Window);

    public FilterResult Push(string frame) => Run(frame, complete: false);

    public FilterResult Complete() => Run("", complete: true);

    FilterResult Run(string text, bool complete)
    {
        if (stopped is not null) return FilterResult.Stopping(stopped);
        List<string>? findings = null;
        for (var i = 0; i < filters.Count; i++)
        {
            var result = filters[i].Push(text);
            if (complete && !result.Stopped)
            {
                var rest = filters[i].Complete();
                result = new FilterResult(result.Released + rest.Released, rest.Stop, Merge(result.Findings, rest.Findings));
            }
            if (result.Findings is { Count: > 0 }) (findings ??= []).AddRange(result.Findings);
            if (result.Stopped)
            {
                stopped = result.Stop;
                return new FilterResult("", stopped, findings);
            }
            text = result.Released;
        }
        return FilterResult.Release(text, findings);
    }

    static IReadOnlyList<string>? Merge(IReadOnlyList<string>? a, IReadOnlyList<string>? b) =>
        a is null ? b : b is null ? a : [.. a, .. b];
}
