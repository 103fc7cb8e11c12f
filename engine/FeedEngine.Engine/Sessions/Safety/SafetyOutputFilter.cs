using FeedEngine.Safety.Filters;

namespace FeedEngine.Engine.Sessions.Safety;

/// <summary>
/// The Safety project's streaming checks (leaks, personal data) as one link of the session's output chain, right after
/// the state-block filter. It also remembers what it stopped on and what it redacted, and can be told to refuse the
/// whole reply (a blocked viewer message, a blocked finished reply).
/// </summary>
internal sealed class SafetyOutputFilter(IOutputFilter inner) : IOutputFilter
{
    /// <summary>The code of a refusal (the viewer's message or the finished reply was blocked by moderation).</summary>
    public const string RefusedCode = "moderation.blocked";

    readonly List<string> findings = [];
    FilterStop? refused;

    public int Window => inner.Window;

    /// <summary>The filter that stopped the reply (its code, e.g. <c>leak.canary</c>), or null.</summary>
    public FilterStop? StoppedBy { get; private set; }

    /// <summary>What the filters redacted (e.g. <c>pii.phone</c>), once each.</summary>
    public IReadOnlyList<string> Findings => findings;

    /// <summary>Ends the reply with a refusal: nothing more is released and the chain reports the stop.</summary>
    public void Refuse(string message) => refused ??= new FilterStop(RefusedCode, message);

    public FilterResult Push(string frame) => refused is not null ? FilterResult.Stopping(refused) : Note(inner.Push(frame));

    public FilterResult Complete() => refused is not null ? FilterResult.Stopping(refused) : Note(inner.Complete());

    FilterResult Note(FilterResult result)
    {
        foreach (var finding in result.Findings ?? [])
            if (!findings.Contains(finding)) findings.Add(finding);
        if (result.Stop is not { } stop) return result;
        StoppedBy ??= stop;
        refused = stop;
        return result;
    }
}

/// <summary>The safety side of one reply: its filter, the state before it, the categories found, and the stored text when it differs from what streamed.</summary>
internal sealed class ReplySafety(SafetyOutputFilter filter, System.Text.Json.Nodes.JsonObject stateBefore)
{
    public SafetyOutputFilter Filter { get; } = filter;

    /// <summary>The session's state when the reply started (image triggers compare it with the state after).</summary>
    public System.Text.Json.Nodes.JsonObject StateBefore { get; } = stateBefore;

    /// <summary>Moderation categories of the viewer's message and of the reply, once each.</summary>
    public List<string> Categories { get; } = [];

    /// <summary>The text to store instead of what streamed: the refusal of a blocked turn, or the redacted reply.</summary>
    public string? StoredText { get; set; }

    public void AddCategories(IEnumerable<string> categories)
    {
        foreach (var category in categories)
            if (!Categories.Contains(category)) Categories.Add(category);
    }
}
