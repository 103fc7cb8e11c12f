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

    /// <summary>
    /// A creator's studio preview of the post's draft (<see cref="PostVersion"/> 0, <see cref="OwnerId"/> <c>preview:{creatorId}</c>):
    /// never a viewer's session, never counted in analytics.
    /// </summary>
    public bool Preview { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public long Version { get; set; }
}
