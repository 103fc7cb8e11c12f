namespace FeedEngine.Storage.Sessions;

/// <summary>A conversation between viewers and one published post version. Id: an opaque random id.</summary>
public sealed class SessionDocument : IVersionedDocument
{
    public string Id { get; set; } = "";
    public string PostId { get; set; } = "";
    public int PostVersion { get; set; }
    public string OwnerId { get; set; } = "";
    public List<string> Participants { get; set; } = [];
    public string Greeting { get; set; } = "";

    /// <summary>The highest event sequence number stored for this session (0 for a fresh one).</summary>
    public long LastEventSeq { get; set; }

    /// <summary>The highest turn sequence number stored for this session.</summary>
    public long LastTurnSeq { get; set; }

    /// <summary>
    /// The state (every variable, hidden ones included) after turn <see cref="LastTurnSeq"/>, as a JSON object.
    /// A turn stored with a <see cref="TurnDocument.StateJson"/> after <see cref="LastTurnSeq"/> is newer than this.
    /// </summary>
    public string StateJson { get; set; } = "{}";

    /// <summary>The branch the session continues on; its turns and state are the ones viewers see.</summary>
    public string CurrentBranchId { get; set; } = TurnDocument.MainBranch;

    /// <summary>Branches other than <see cref="TurnDocument.MainBranch"/>, in the order they were made (bounded).</summary>
    public List<SessionBranchDocument> Branches { get; set; } = [];

    /// <summary>
    /// The <c>branch</c> events the session sent (they belong to no turn), written with the branch change, so a resume
    /// from storage replays them in their place; the newest <see cref="SessionBranchEvent.Kept"/>.
    /// </summary>
    public List<SessionBranchEvent> BranchEvents { get; set; } = [];

    /// <summary>The co-play room's code once the owner shared the session; stays after closing so a late join is told it is closed.</summary>
    public string? RoomCode { get; set; }

    public bool RoomClosed { get; set; }

    /// <summary>Viewers the owner removed from the room: the room code no longer lets them in.</summary>
    public List<string> RemovedIds { get; set; } = [];

    /// <summary>Memory extraction has read the viewer turns up to this turn number.</summary>
    public long MemoryThroughSeq { get; set; }

    /// <summary>
    /// Event numbers up to here may have been streamed (reserved in blocks before use, so a reply's tokens cost no
    /// write): after a crash the next activation numbers its events past this, never reusing one a viewer has seen.
    /// </summary>
    public long ReservedEventSeq { get; set; }

    /// <summary>
    /// A creator's studio preview of the post's draft (<see cref="PostVersion"/> 0, <see cref="OwnerId"/> <c>preview:{creatorId}</c>):
    /// never a viewer's session, never counted in analytics.
    /// </summary>
    public bool Preview { get; set; }

    /// <summary>
    /// A brand conversation opened from a sponsored feed card: the placement it came from (<see cref="PostId"/> holds the
    /// same id); the campaign's brand persona answers, every reply labelled Sponsored. Null for a session on a post.
    /// </summary>
    public string? SponsorPlacementId { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public long Version { get; set; }
}

/// <summary>
/// A path through a session's turns: the turns of <see cref="ParentId"/>'s path up to <see cref="ForkSeq"/>, then the turns
/// written on this branch. <see cref="BaseStateJson"/> is the state at the fork, so a branch's state never needs its parent's turns.
/// </summary>
public sealed class SessionBranchDocument
{
    public string Id { get; set; } = "";
    public string ParentId { get; set; } = TurnDocument.MainBranch;

    /// <summary>The last turn shared with the parent's path (0: the branch starts after the greeting).</summary>
    public long ForkSeq { get; set; }

    /// <summary>The state (all variables) after turn <see cref="ForkSeq"/> on the parent's path.</summary>
    public string BaseStateJson { get; set; } = "{}";

    /// <summary><c>regenerate</c> or <c>branch</c>.</summary>
    public string Kind { get; set; } = "";

    public DateTime CreatedAt { get; set; }
}
