namespace FeedEngine.Safety.Output;

/// <summary>
/// Runs filters one after another: what the first releases is what the second sees. Once a filter stops the reply,
/// the chain releases nothing more.
/// </summary>
public sealed class OutputFilterChain(IReadOnlyList<OutputFilter> filters) : OutputFilter
{
    public OutputFilterStop? Stopped { get; private set; }

    public override OutputFilterResult Write(string text) => Run(text, complete: false);

    public override OutputFilterResult Complete() => Run("", complete: true);

    OutputFilterResult Run(string text, bool complete)
    {
        if (Stopped is not null) return new OutputFilterResult("", Stopped);
        foreach (var filter in filters)
        {
            var written = text.Length > 0 ? filter.Write(text) : OutputFilterResult.Pass("");
            if (written.Stop is not null) return StopWith(written);
            text = written.Released;
            if (!complete) continue;
            var completed = filter.Complete();
            if (completed.Stop is not null) return StopWith(completed with { Released = text + completed.Released });
            text += completed.Released;
        }
        return OutputFilterResult.Pass(text);
    }

    OutputFilterResult StopWith(OutputFilterResult result)
    {
        Stopped = result.Stop;
        return result;
    }
}
