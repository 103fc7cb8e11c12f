namespace FeedEngine.Storage.Viewers;

/// <summary>What FeedEngine knows about a viewer for the feed: interests, follows. Id: the user id.</summary>
public sealed class ViewerProfileDocument : IVersionedDocument
{
    public string Id { get; set; } = "";
    public List<string> Interests { get; set; } = [];
    public List<string> FollowedCreatorIds { get; set; } = [];
    public List<string> HiddenPostIds { get; set; } = [];

    /// <summary>Posts the viewer liked, newest last.</summary>
    public List<string> LikedPostIds { get; set; } = [];

    /// <summary>
    /// The viewer's interests as a unit vector in the post embedding space (all-MiniLM-L6-v2, 384 numbers), moved towards
    /// what they open and like and away from what they hide; null until the first such signal (a cold start).
    /// </summary>
    public float[]? InterestVector { get; set; }

    /// <summary>How many signals shaped <see cref="InterestVector"/>.</summary>
    public int InterestSignals { get; set; }

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

    /// <summary>How many viewers follow the creator.</summary>
    Task<long> CountFollowersAsync(string creatorId, CancellationToken cancellationToken = default);
}
