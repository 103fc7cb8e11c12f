using System.Security.Claims;
using FeedEngine.Storage;
using FeedEngine.Storage.Posts;
using FeedEngine.Web.Accounts;

namespace FeedEngine.Web.Feed;

/// <summary>
/// Records what creator analytics counts as views and opens: a feed card shown to a viewer, a conversation opened from
/// the feed. Each counts once per viewer, post and UTC day (the stored document's id is that key, so a repeat is one
/// refused insert and nothing else). Posts the viewer could not reach are not counted.
/// </summary>
public sealed class PostViewService(IPostRepository posts, FeedService feed, IPostViewRepository views, TimeProvider time)
{
    public const int MaxPerRequest = 50;

    /// <summary>Records views of the given posts; returns how many were new today. Ids must be checked by the caller.</summary>
    public async Task<int> ViewedAsync(ClaimsPrincipal viewer, IEnumerable<string> postIds, CancellationToken cancellationToken)
    {
        var viewerId = FeedClaims.UserIdOf(viewer)!;
        var rating = await feed.MaxAgeRatingAsync(viewer, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var counted = 0;
        foreach (var postId in postIds.Distinct(StringComparer.Ordinal))
        {
            if (await posts.FindAsync(postId, cancellationToken) is not { } post || !FeedService.IsReachable(post, rating)) continue;
            if (await views.RecordAsync(PostViewDocument.For(PostViewKind.View, postId, post.PublishedVersion, viewerId, now), cancellationToken) == WriteOutcome.Ok)
                counted++;
        }
        return counted;
    }

    /// <summary>Records that the viewer opened a post they can reach (checked by the caller).</summary>
    public Task OpenedAsync(ClaimsPrincipal viewer, PostDocument post, CancellationToken cancellationToken) =>
        views.RecordAsync(PostViewDocument.For(PostViewKind.Open, post.Id, post.PublishedVersion, FeedClaims.UserIdOf(viewer)!, time.GetUtcNow().UtcDateTime), cancellationToken);
}
