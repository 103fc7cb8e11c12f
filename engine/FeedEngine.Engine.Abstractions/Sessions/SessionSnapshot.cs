using System.Text.Json;
using System.Text.Json.Serialization;

namespace FeedEngine.Engine.Abstractions.Sessions;

/// <summary>
/// What a viewer sees of a session when they open it: the post, the viewer-visible state and the turns so far.
/// A reply still being written is the last turn, <see cref="SessionTurnStatus.InProgress"/>, with exactly the text of its
/// token events up to <see cref="LastEventSeq"/>. Hidden instructions and hidden state variables never appear here.
/// </summary>
[GenerateSerializer, Immutable, Alias("feed.SessionSnapshot")]
public sealed record SessionSnapshot
{
    [Id(0)] public required string SessionId { get; init; }
    [Id(1)] public required string PostId { get; init; }
    [Id(2)] public int PostVersion { get; init; }
    [Id(3)] public string Title { get; init; } = "";
    [Id(4)] public string Greeting { get; init; } = "";

    /// <summary>The viewer-visible state variables as a JSON object (the wire form is <see cref="State"/>).</summary>
    [Id(5), JsonIgnore] public string StateJson { get; init; } = "{}";

    [Id(6)] public SessionTurn[] Turns { get; init; } = [];

    /// <summary>The last event of the session so far; 0 for a fresh session. Resume from here to follow it live.</summary>
    [Id(7)] public long LastEventSeq { get; init; }

    [Id(8)] public string[] SuggestedReplies { get; init; } = [];

    /// <summary>The post's kind: <c>character</c>, <c>story</c>, <c>game</c>, <c>quiz</c> or <c>imageChat</c>.</summary>
    [Id(9)] public string Kind { get; init; } = "";

    /// <summary>The branch whose turns and state this snapshot shows.</summary>
    [Id(10)] public string BranchId { get; init; } = "main";

    /// <summary>Every branch of the session, <c>main</c> first, then in the order they were made.</summary>
    [Id(11)] public SessionBranch[] Branches { get; init; } = [];

    /// <summary>The co-play room's code while the session is shared and the room open; null otherwise.</summary>
    [Id(12)] public string? RoomCode { get; init; }

    /// <summary>The owner's viewer id (co-play participants see who may remove them).</summary>
    [Id(13)] public string OwnerId { get; init; } = "";

    /// <summary>Set for a brand conversation (opened from a sponsored feed card): the brand and its label, always shown.</summary>
    [Id(33)] public SponsoredCard? Sponsor { get; init; }

    /// <summary>The caller's viewer id (set by the hub): a turn whose <see cref="SessionTurn.AuthorId"/> is this one is the caller's own.</summary>
    [Id(74)] public string ViewerId { get; init; } = "";

    /// <summary>Whether the caller owns the session (set by the hub): only the owner may share, regenerate, branch, remove and close.</summary>
    [Id(75)] public bool IsOwner { get; init; }

    /// <summary>Who takes part, the owner first, then in the order they joined; names are filled in by the hub from the accounts.</summary>
    [Id(76)] public RoomParticipant[] Participants { get; init; } = [];
    /// <summary>
    /// True when viewers may attach pictures to their messages (<c>Send</c>'s imageIds, uploaded with <c>POST /api/images</c>):
    /// the served chat model reads images and the session is a post's (not a brand conversation), still available.
    /// </summary>
    [Id(57)] public bool AcceptsImages { get; init; }

    /// <summary>The viewer-visible state, e.g. <c>{ "location": "harbor", "clues": [] }</c>.</summary>
    public JsonElement State
    {
        get => SessionJson.Parse(StateJson);
        init => StateJson = value.GetRawText();
    }
}

/// <summary>One turn as the viewer sees it.</summary>
[GenerateSerializer, Immutable, Alias("feed.SessionTurn")]
public sealed record SessionTurn
{
    [Id(0)] public long Seq { get; init; }
    [Id(1)] public SessionRole Role { get; init; }
    [Id(2)] public string Text { get; init; } = "";
    [Id(3)] public string[] ImageUrls { get; init; } = [];
    [Id(4)] public bool Sponsored { get; init; }
    [Id(5)] public SessionTurnStatus Status { get; init; }

    /// <summary>The branch the turn was written on (a turn shared by several branches belongs to the oldest).</summary>
    [Id(6)] public string BranchId { get; init; } = "main";

    /// <summary>Viewer turns in a co-play room: the display name of the participant who wrote it.</summary>
    [Id(7)] public string? AuthorName { get; init; }

    /// <summary>For a sponsored turn (role sponsor): the labelled card.</summary>
    [Id(8)] public SponsoredCard? Sponsor { get; init; }

    /// <summary>An image turn whose picture was drawn by a model: show the AI-generated badge (also after a refresh).</summary>
    [Id(30)] public bool AiGenerated { get; init; }

    /// <summary>Viewer turns: the viewer id of who wrote it (compare with <see cref="SessionSnapshot.ViewerId"/>); null on other turns.</summary>
    [Id(74)] public string? AuthorId { get; init; }
}

/// <summary>One person in a session's co-play room.</summary>
[GenerateSerializer, Immutable, Alias("feed.RoomParticipant")]
public sealed record RoomParticipant
{
    [Id(0)] public required string ViewerId { get; init; }

    /// <summary>The account's display name (at most <see cref="SessionLimits.MaxAuthorNameLength"/> characters, plain text).</summary>
    [Id(1)] public string Name { get; init; } = "";

    [Id(2)] public bool IsOwner { get; init; }
}

[GenerateSerializer]
public enum SessionRole { Viewer, Post, Sponsor }

[GenerateSerializer]
public enum SessionTurnStatus { Complete, InProgress, Stopped, Interrupted, Blocked }

static class SessionJson
{
    public static JsonElement Parse(string json) => JsonSerializer.Deserialize<JsonElement>(json);
}
