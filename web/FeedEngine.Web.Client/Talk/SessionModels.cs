using System.Text.Json;

namespace FeedEngine.Web.Client.Talk;

// The browser's view of the hub contract (CONTRACTS.md, "Hub /hubs/feed"). Enums travel as camelCase strings.

/// <summary>What <c>StartSession</c> answers: the post, the visible state and the turns so far.</summary>
public sealed record SessionSnapshotView
{
    public string SessionId { get; init; } = "";
    public string PostId { get; init; } = "";
    public string Title { get; init; } = "";
    public string Greeting { get; init; } = "";
    public string Kind { get; init; } = "";
    public JsonElement? State { get; init; }
    public IReadOnlyList<SessionTurnView> Turns { get; init; } = [];
    public long LastEventSeq { get; init; }
    public IReadOnlyList<string> SuggestedReplies { get; init; } = [];

    /// <summary>Set for a brand conversation (opened from a sponsored card): shown with its label.</summary>
    public SponsoredCardView? Sponsor { get; init; }

    /// <summary>The branch the turns are on, and every branch of the session (<c>main</c> first).</summary>
    public string BranchId { get; init; } = "main";

    public IReadOnlyList<SessionBranchView> Branches { get; init; } = [];

    /// <summary>Set when the session is a co-play room (shared by its owner).</summary>
    public string? RoomCode { get; init; }

    /// <summary>The caller's viewer id: turns whose <c>authorId</c> is this one are the caller's own.</summary>
    public string ViewerId { get; init; } = "";

    /// <summary>Whether the caller owns the session: only the owner may share, regenerate, branch, remove and close.</summary>
    public bool IsOwner { get; init; }

    /// <summary>Who takes part, the owner first, then in the order they joined.</summary>
    public IReadOnlyList<RoomParticipantView> Participants { get; init; } = [];

    /// <summary>True when the served model reads images: the panel offers to attach pictures (uploaded, then sent by id).</summary>
    public bool AcceptsImages { get; init; }
}

/// <summary>One person in a co-play room (the name is the account's display name, plain text).</summary>
public sealed record RoomParticipantView
{
    public string ViewerId { get; init; } = "";
    public string Name { get; init; } = "";
    public bool IsOwner { get; init; }
}

/// <summary>The brand behind a sponsored turn or conversation: its label, name, suggested prompts and click link.</summary>
public sealed record SponsoredCardView
{
    public string Label { get; init; } = "Sponsored";
    public string BrandName { get; init; } = "";
    public IReadOnlyList<string> SuggestedPrompts { get; init; } = [];
    public string ClickUrl { get; init; } = "";
    public string PlacementId { get; init; } = "";
}

/// <summary>One path through a session: the parent's turns up to <see cref="ForkTurnSeq"/>, then its own. Kind: <c>main</c>, <c>regenerate</c>, <c>branch</c>.</summary>
public sealed record SessionBranchView
{
    public string BranchId { get; init; } = "";
    public string? ParentBranchId { get; init; }
    public long ForkTurnSeq { get; init; }
    public string Kind { get; init; } = "";
    public DateTime CreatedAt { get; init; }
}

/// <summary>What <c>ShareSession</c> answers: the room code and a link that opens it.</summary>
public sealed record RoomShareView
{
    public string RoomCode { get; init; } = "";
    public string Url { get; init; } = "";
}

/// <summary>One turn: role <c>viewer</c>, <c>post</c> or <c>sponsor</c>; status <c>complete</c>, <c>inProgress</c>, <c>stopped</c>, <c>interrupted</c>, <c>blocked</c>.</summary>
public sealed record SessionTurnView
{
    public long Seq { get; init; }
    public string Role { get; init; } = "post";
    public string Text { get; init; } = "";
    public IReadOnlyList<string> ImageUrls { get; init; } = [];
    public bool Sponsored { get; init; }
    public string Status { get; init; } = "complete";
    public SponsoredCardView? Sponsor { get; init; }

    /// <summary>An image turn whose picture a model drew: shown with the AI-generated badge.</summary>
    public bool AiGenerated { get; init; }

    /// <summary>Viewer turns: who wrote it (viewer id and display name); a co-play room shows others' names.</summary>
    public string? AuthorId { get; init; }

    public string? AuthorName { get; init; }
}

/// <summary>One numbered event of a session: <c>token</c>, <c>state</c>, <c>image</c>, <c>sponsored</c>, <c>message</c>, <c>turn</c>, <c>status</c> or <c>error</c>.</summary>
public sealed record SessionEventView
{
    public long Seq { get; init; }
    public string Kind { get; init; } = "";
    public string? Text { get; init; }
    public JsonElement? State { get; init; }
    public string? ImageUrl { get; init; }
    public bool Sponsored { get; init; }
    public long? TurnSeq { get; init; }
    public SessionStatusView? Status { get; init; }
    public string? Role { get; init; }
    public string? TurnStatus { get; init; }
    public SponsoredCardView? Sponsor { get; init; }

    /// <summary>Turn events: a picture is being drawn for this reply; its <c>image</c> event follows on the same stream.</summary>
    public bool ImagePending { get; init; }

    /// <summary>Image events: the picture was drawn by a model.</summary>
    public bool AiGenerated { get; init; }

    /// <summary>Image events: the reply the picture illustrates.</summary>
    public long? ForTurnSeq { get; init; }

    /// <summary>Message events: who wrote it (viewer id and display name).</summary>
    public string? AuthorId { get; init; }

    public string? AuthorName { get; init; }
}

/// <summary>A condition during a reply: <c>stopped</c>, <c>interrupted</c>, <c>busy</c>, <c>queued</c>, <c>modelUnavailable</c>, <c>blocked</c>, <c>rateLimited</c>.</summary>
public sealed record SessionStatusView
{
    public string Code { get; init; } = "";
    public string Message { get; init; } = "";
    public int? RetryAfterSeconds { get; init; }
}

/// <summary>How the connection to the hub stands, as the conversation panel shows it.</summary>
public enum ConnectionState { Connected, Reconnecting, Disconnected }

/// <summary>A failed hub call with the message the server gave for people (a refused message, an unknown post...).</summary>
public sealed class ConversationException(string message, Exception? inner = null) : Exception(message, inner);
