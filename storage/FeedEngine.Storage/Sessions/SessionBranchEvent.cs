namespace FeedEngine.Storage.Sessions;

/// <summary>A stored <c>branch</c> event: its number, the branch the session moved to, and the words viewers got.</summary>
public sealed class SessionBranchEvent
{
    /// <summary>How many a session keeps (the newest): branches are bounded, switching between them is not.</summary>
    public const int Kept = 200;

    public long Seq { get; set; }
    public string BranchId { get; set; } = "";
    public string Text { get; set; } = "";
}
