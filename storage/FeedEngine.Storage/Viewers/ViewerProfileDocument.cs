namespace FeedEngine.Storage.Viewers;

/// <summary>What FeedEngine knows about a viewer for the feed: interests, follows. Id: the user id.</summary>
public sealed class ViewerProfileDocument : IVersionedDocument
{
    public string Id { get; set; } = "";
    public List<string> Interests { get; set; } = [];
    public List<string> FollowedCreatorIds { get; set; } = [];
    public List<string> HiddenPostIds { get; set; } = [];

    /// <summary>Creators this viewer blocked: their posts leave the viewer's feed.</summary>
    public List<string> BlockedCreatorIds { get; set; } = [];

    /// <summary>True when the viewer turned memory off: nothing new is remembered about them and nothing is recalled.</summary>
    public bool MemoryOff { get; set; }

    public DateTime UpdatedAt { get; set; }
    public long Version { get; set; }
}

public interface IViewerProfileRepository
{
    Task<ViewerProfileDocument?> FindAsync(string viewerId, CancellationToken cancellationToken = default);

    /// <summary>Inserts when <c>profile.Version</c> is 0 (a second insert is a duplicate), else a versioned replace.</summary>
    Task<WriteOutcome> SaveAsync(ViewerProfileDocument profile, CancellationToken cancellationToken = default);
}
