namespace FeedEngine.Storage.Viewers;

/// <summary>What erasing a viewer removed.</summary>
public sealed record ViewerErasure(long Sessions, long Turns, long MemoryFacts, long PostStates, bool Account);

/// <summary>
/// Deletes everything stored about one viewer: the account, the sessions they own with every turn in them, their
/// remembered facts, their state in posts and their feed profile (likes, follows, hidden posts, interests). The profile
/// is replaced by a tombstone holding only the id and <see cref="ViewerProfileDocument.MemoryOff"/>, so a session still
/// in memory can never remember anything about an erased viewer. Posts and campaigns are not touched: the caller refuses
/// to erase an account that still owns any.
/// </summary>
public interface IViewerDataEraser
{
    Task<ViewerErasure> EraseAsync(string viewerId, DateTime at, CancellationToken cancellationToken = default);
}

public static class ViewerTombstone
{
    /// <summary>The profile left behind: no data, memory off.</summary>
    public static ViewerProfileDocument For(string viewerId, DateTime at) => new() { Id = viewerId, MemoryOff = true, UpdatedAt = at };

    /// <summary>Studio previews are owned by <c>preview:{creatorId}</c>.</summary>
    public static string PreviewOwner(string viewerId) => "preview:" + viewerId;
}
