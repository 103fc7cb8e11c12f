namespace FeedEngine.Safety.Output;

/// <summary>
/// Sees a reply's text between the model and the viewer. One instance per reply, fed in order: it may release text
/// at once, hold back a short window (so a pattern split across frames is still caught), redact, or stop the reply.
/// Nothing it holds reaches the viewer unless a later result releases it.
/// </summary>
public abstract class OutputFilter
{
    /// <summary>Takes the next piece of the reply; returns what may be shown now.</summary>
    public abstract OutputFilterResult Write(string text);

    /// <summary>The reply ended (finished, stopped or failed): returns what is still to be shown of what it held.</summary>
    public abstract OutputFilterResult Complete();
}

/// <summary>What a filter lets through, and whether it stops the reply.</summary>
public readonly record struct OutputFilterResult(string Released, OutputFilterStop? Stop = null)
{
    public static OutputFilterResult Pass(string text) => new(text);
}

/// <summary>A filter ends the reply: <paramref name="Code"/> is a session status code (e.g. <c>blocked</c>), <paramref name="Message"/> is for the viewer.</summary>
public sealed record OutputFilterStop(string Code, string Message);

/// <summary>Whose reply a filter is watching.</summary>
public sealed record OutputFilterContext(string SessionId, string PostId, string ViewerId);

/// <summary>Makes one filter per reply. Registered in DI; filters run in ascending <see cref="Order"/>.</summary>
public interface IOutputFilterFactory
{
    int Order { get; }

    OutputFilter Create(OutputFilterContext context);
}
