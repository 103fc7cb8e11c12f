using FeedEngine.Engine.Abstractions.Sessions;

namespace FeedEngine.Engine.Abstractions.Studio;

/// <summary>
/// The studio's side of a session: a preview session runs the creator's current draft (re-read before every reply)
/// through the same session runtime a viewer's session uses, and records for each reply what the creator needs to
/// debug it. Key: the same opaque session id as <see cref="ISessionGrain"/> (the two are one grain); talk to the
/// preview with <see cref="ISessionGrain.SendAsync"/> and <see cref="ISessionGrain.ReadAsync"/>. A preview session is
/// visible only to the post's creator, is never anyone's current session on the post, and is left out of analytics.
/// </summary>
[Alias("feed.session-preview")]
public interface ISessionPreviewGrain : IGrainWithStringKey
{
    /// <summary>Creates a preview session on the draft of <paramref name="postId"/>; refused unless <paramref name="creatorId"/> is its creator.</summary>
    [Alias("create-preview")]
    Task<SessionOutcome<SessionSnapshot>> CreatePreviewAsync(string creatorId, string postId);

    /// <summary>What happened inside each reply of this preview session, oldest first (kept while the session is active).</summary>
    [Alias("preview-trace")]
    Task<SessionOutcome<PreviewTurnTrace[]>> GetPreviewTraceAsync(string creatorId);
}

/// <summary>One preview reply as the runtime saw it: the lore that fired, the state around it, refused changes, the prompt's size.</summary>
[GenerateSerializer, Immutable, Alias("feed.PreviewTurnTrace")]
public sealed record PreviewTurnTrace
{
    /// <summary>The reply's turn number.</summary>
    [Id(0)] public long TurnSeq { get; init; }

    /// <summary>The draft's stored version (its optimistic-concurrency number) the reply ran on.</summary>
    [Id(1)] public long DraftVersion { get; init; }

    [Id(2)] public PreviewLoreHit[] Lore { get; init; } = [];

    /// <summary>Every state variable, hidden ones included, before and after the reply, as JSON objects.</summary>
    [Id(3)] public string StateBeforeJson { get; init; } = "{}";
    [Id(4)] public string StateAfterJson { get; init; } = "{}";

    /// <summary>The changes applied, e.g. <c>set alarm = 3</c>.</summary>
    [Id(5)] public string[] Applied { get; init; } = [];

    [Id(6)] public PreviewRejectedChange[] Rejected { get; init; } = [];

    /// <summary>The prompt's estimated tokens and the most the model reads before replying.</summary>
    [Id(7)] public int PromptTokens { get; init; }
    [Id(8)] public int BudgetTokens { get; init; }

    /// <summary>Earlier turns sent word for word, and turns condensed into a line each because they did not fit.</summary>
    [Id(9)] public int TurnsIncluded { get; init; }
    [Id(10)] public int TurnsCondensed { get; init; }
}

/// <summary>A lore entry that went into the prompt and why: <c>alwaysOn</c>, <c>keyword</c> or <c>semantic</c>.</summary>
[GenerateSerializer, Immutable, Alias("feed.PreviewLoreHit")]
public sealed record PreviewLoreHit
{
    [Id(0)] public string Name { get; init; } = "";
    [Id(1)] public string Trigger { get; init; } = "";

    /// <summary>The keys of the entry found in the recent turns (keyword hits).</summary>
    [Id(2)] public string[] MatchedKeys { get; init; } = [];
}

/// <summary>A state change the model proposed that the schema refused; <see cref="Variable"/> is null when the block itself was unreadable.</summary>
[GenerateSerializer, Immutable, Alias("feed.PreviewRejectedChange")]
public sealed record PreviewRejectedChange
{
    [Id(0)] public string? Variable { get; init; }
    [Id(1)] public string Reason { get; init; } = "";
}
