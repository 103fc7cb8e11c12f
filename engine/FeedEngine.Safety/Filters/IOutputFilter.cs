namespace FeedEngine.Safety.Filters;

/// <summary>
/// A check on a reply while it streams. The engine pushes each frame of model text and sends the viewer only what
/// the filter releases; a filter may hold back a bounded window (to see across frame boundaries) and may stop the
/// reply. One instance per reply; not thread-safe (a reply's frames arrive in order, one at a time).
/// </summary>
/// <remarks>
/// Contract: the concatenation of every <see cref="FilterResult.Released"/> is the text the viewer may see. After a
/// stop, every later call returns the same stop and releases nothing. <see cref="Complete"/> releases what is held
/// once the model has finished; call it once.
/// </remarks>
public interface IOutputFilter
{
    /// <summary>The most characters this filter ever holds back between calls.</summary>
    int Window { get; }

    FilterResult Push(string frame);

    FilterResult Complete();
}

/// <summary>What a filter lets through now, whether it stopped the reply, and what it found (redactions).</summary>
public sealed record FilterResult(string Released, FilterStop? Stop = null, IReadOnlyList<string>? Findings = null)
{
    public static FilterResult Hold { get; } = new("");

    public bool Stopped => Stop is not null;

    public static FilterResult Release(string text, IReadOnlyList<string>? findings = null) =>
        text.Length == 0 && findings is null ? Hold : new(text, null, findings);

    public static FilterResult Stopping(FilterStop stop, string releasedFirst = "") => new(releasedFirst, stop);
}

/// <summary>
/// Why a reply was stopped: a machine code for logs and the admin queue (<c>leak.canary</c>, <c>leak.verbatim</c>,
/// <c>moderation.blocked</c>) and a message the viewer can read instead of the rest of the reply.
/// </summary>
public sealed record FilterStop(string Code, string Message);
