using System.Text.Json;
using System.Text.Json.Serialization;

namespace FeedEngine.Engine.Abstractions.Sessions;

/// <summary>
/// One numbered event of a session. <see cref="Seq"/> starts at 1 and grows by one per event of the session, so
/// <c>Resume(sessionId, afterSeq)</c> can replay exactly what a client missed. Tokens arrive as coalesced frames.
/// </summary>
[GenerateSerializer, Immutable, Alias("feed.SessionEvent")]
public sealed record SessionEvent
{
    [Id(0)] public long Seq { get; init; }
    [Id(1)] public SessionEventKind Kind { get; init; }

    /// <summary>
    /// <see cref="SessionEventKind.Token"/>: the frame's text; <see cref="SessionEventKind.Turn"/>: the full stored text;
    /// <see cref="SessionEventKind.Message"/>: a participant's message; <see cref="SessionEventKind.Error"/>: what went wrong.
    /// </summary>
    [Id(2)] public string? Text { get; init; }

    /// <summary>For <see cref="SessionEventKind.State"/>: the viewer-visible state after the change, as JSON.</summary>
    [Id(3), JsonIgnore] public string? StateJson { get; init; }

    [Id(4)] public string? ImageUrl { get; init; }
    [Id(5)] public bool Sponsored { get; init; }

    /// <summary>The turn the event belongs to (set on message and turn events).</summary>
    [Id(6)] public long? TurnSeq { get; init; }

    [Id(7)] public SessionStatus? Status { get; init; }

    /// <summary>Who wrote the turn (message and turn events).</summary>
    [Id(8)] public SessionRole? Role { get; init; }

    /// <summary>How the turn ended (turn events): complete, stopped, interrupted or blocked.</summary>
    [Id(9)] public SessionTurnStatus? TurnStatus { get; init; }

    /// <summary>The branch of the turn (message and turn events).</summary>
    [Id(10)] public string? BranchId { get; init; }

    /// <summary>Message events: the display name of the participant who wrote it.</summary>
    [Id(11)] public string? AuthorName { get; init; }

    /// <summary>For <see cref="SessionEventKind.Image"/>: the picture was drawn by a model; show the AI-generated badge.</summary>
    [Id(12)] public bool AiGenerated { get; init; }

    /// <summary>For <see cref="SessionEventKind.Sponsored"/>: the labelled card (brand, suggested prompts, link).</summary>
    [Id(13)] public SponsoredCard? Sponsor { get; init; }

    /// <summary>
    /// For <see cref="SessionEventKind.Turn"/>: a picture is being drawn for this reply. The <c>Send</c> stream then stays
    /// open until its <see cref="SessionEventKind.Image"/> event (<see cref="ForTurnSeq"/> = this turn), or ends without
    /// one when the picture fails or takes longer than <c>Sessions:PictureWaitSeconds</c>.
    /// </summary>
    [Id(30)] public bool ImagePending { get; init; }

    /// <summary>For <see cref="SessionEventKind.Image"/>: the reply turn the picture illustrates (the event's own turn is the image turn).</summary>
    [Id(31)] public long? ForTurnSeq { get; init; }

    /// <summary>Message events of viewer turns: the viewer id of who wrote it, so each reader tells their own messages apart.</summary>
    [Id(74)] public string? AuthorId { get; init; }

    /// <summary>The viewer-visible state (state events), e.g. <c>{ "location": "cave" }</c>.</summary>
    public JsonElement? State
    {
        get => StateJson is null ? null : SessionJson.Parse(StateJson);
        init => StateJson = value?.GetRawText();
    }
}

[GenerateSerializer]
/// <summary>
/// <c>Branch</c> (appended last: values travel by number between silos): the owner moved the session to another
/// branch (<see cref="SessionEvent.BranchId"/>); participants reload the snapshot to follow it.
/// </summary>
public enum SessionEventKind { Token, State, Image, Sponsored, Message, Turn, Status, Error, Branch }

/// <summary>A condition that arose during a reply: stopped, interrupted, busy (with a retry time), and so on.</summary>
[GenerateSerializer, Immutable, Alias("feed.SessionStatus")]
public sealed record SessionStatus
{
    [Id(0)] public SessionStatusCode Code { get; init; }
    [Id(1)] public string Message { get; init; } = "";
    [Id(2)] public int? RetryAfterSeconds { get; init; }
}

[GenerateSerializer]
/// <summary>
/// <c>Saving</c>: the store is unavailable and the reply's write is being retried (the viewer sees "saving…");
/// <c>Saved</c>: that write landed, which clears it. New codes go last (values travel by number between silos).
/// </summary>
public enum SessionStatusCode { Stopped, Interrupted, Busy, Queued, ModelUnavailable, Blocked, RateLimited, Saving, Saved }
