namespace FeedEngine.Storage.Sessions;

public enum TurnRole { Viewer, Post, Sponsor }

public enum TurnStatus { Complete, InProgress, Stopped, Interrupted, Blocked }

/// <summary>One turn of a session, one document each (never a growing array). Id: <c>{sessionId}:{seq:D10}</c>.</summary>
public sealed class TurnDocument
{
    public string Id { get; set; } = "";
    public string SessionId { get; set; } = "";

    /// <summary>
    /// Turn numbers are unique per session across its branches (so they also are per session, branch and number) and
    /// grow with event numbers; a branch's own turns follow the turns it shares with its parent up to its fork.
    /// </summary>
    public long Seq { get; set; }

    /// <summary>The branch the turn was written on: <see cref="MainBranch"/>, or one made by regenerating or branching.</summary>
    public string BranchId { get; set; } = MainBranch;

    public TurnRole Role { get; set; }
    public string AuthorId { get; set; } = "";
    public string Text { get; set; } = "";
    public List<string> ImageIds { get; set; } = [];
    public TurnStatus Status { get; set; }
    public bool Sponsored { get; set; }

    /// <summary>For a sponsored turn: the brand, prompts and link it showed.</summary>
    public SponsoredTurn? Sponsor { get; set; }

    /// <summary>The session events that carried this turn, for exact resume.</summary>
    public long FirstEventSeq { get; set; }
    public long LastEventSeq { get; set; }

    /// <summary>The state after this turn as JSON, when the turn changed it.</summary>
    public string? StateJson { get; set; }

    /// <summary>
    /// The events that carried this turn (seq <see cref="FirstEventSeq"/> to <see cref="LastEventSeq"/>), exactly as the
    /// viewer received them, so a resume from any event replays the same frames. Bounded by the turn, never by the session.
    /// </summary>
    public List<TurnEvent> Events { get; set; } = [];

    /// <summary>Unique: a retried write of the same turn is a duplicate, never a second turn.</summary>
    public string IdempotencyKey { get; set; } = "";

    /// <summary>Moderation categories of this turn (for a reply: also of the message it answers), for the ad selector's brand safety.</summary>
    public List<string> ModerationCategories { get; set; } = [];

    public DateTime CreatedAt { get; set; }

    public const string MainBranch = "main";

    /// <summary>The name a participant showed when writing a viewer turn (co-play rooms show it with the message).</summary>
    public string? AuthorName { get; set; }

    public static string MakeId(string sessionId, long seq) => $"{sessionId}:{seq:D10}";
}

public enum TurnEventKind { Token, State, Image, Sponsored, Message, Turn, Status, Error, Branch }

/// <summary>
/// One numbered session event as it was sent. A <see cref="TurnEventKind.Turn"/> event keeps no text of its own:
/// it carries the turn's stored <see cref="TurnDocument.Text"/>.
/// </summary>
public sealed class TurnEvent
{
    public long Seq { get; set; }
    public TurnEventKind Kind { get; set; }
    public string? Text { get; set; }

    /// <summary>The viewer-visible state the event carried, as JSON.</summary>
    public string? StateJson { get; set; }

    public string? ImageUrl { get; set; }

    /// <summary>For image events: the picture was drawn by a model (the AI-generated badge).</summary>
    public bool AiGenerated { get; set; }

    /// <summary>For turn events: a picture was being drawn for the reply when it was sent.</summary>
    public bool ImagePending { get; set; }

    /// <summary>For image events: the reply turn the picture illustrates.</summary>
    public long? ForTurnSeq { get; set; }

    /// <summary>For status events: <c>stopped</c>, <c>interrupted</c>, <c>busy</c>, <c>modelUnavailable</c>, <c>blocked</c>, <c>rateLimited</c>.</summary>
    public string? StatusCode { get; set; }

    public string? StatusMessage { get; set; }
    public int? RetryAfterSeconds { get; set; }
}
