namespace FeedEngine.Storage.Sessions;

public enum TurnRole { Viewer, Post, Sponsor }

public enum TurnStatus { Complete, InProgress, Stopped, Interrupted, Blocked }

/// <summary>One turn of a session, one document each (never a growing array). Id: <c>{sessionId}:{seq:D10}</c>.</summary>
public sealed class TurnDocument
{
    public string Id { get; set; } = "";
    public string SessionId { get; set; } = "";
    public long Seq { get; set; }
    public TurnRole Role { get; set; }
    public string AuthorId { get; set; } = "";
    public string Text { get; set; } = "";
    public List<string> ImageIds { get; set; } = [];
    public TurnStatus Status { get; set; }
    public bool Sponsored { get; set; }

    /// <summary>The session events that carried this turn, for exact resume.</summary>
    public long FirstEventSeq { get; set; }
    public long LastEventSeq { get; set; }

    /// <summary>The state after this turn as JSON, when the turn changed it.</summary>
    public string? StateJson { get; set; }

    /// <summary>Unique: a retried write of the same turn is a duplicate, never a second turn.</summary>
    public string IdempotencyKey { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    public static string MakeId(string sessionId, long seq) => $"{sessionId}:{seq:D10}";
}
