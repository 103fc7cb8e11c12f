using System.Security.Claims;
using FeedEngine.Storage.Posts;
using FeedEngine.Storage.Sessions;
using FeedEngine.Storage.Users;
using FeedEngine.Storage.Viewers;
using FeedEngine.Web.Accounts;
using FeedEngine.Web.Client.Feed;
using FeedEngine.Web.Client.Social;
using FeedEngine.Web.Feed.Ranking;

namespace FeedEngine.Web.Feed;

/// <summary>Likes, follows, hidden posts, creator profiles and the viewer's conversations. Null results mean "not found".</summary>
public sealed class SocialService(
    IPostRepository posts, IUserRepository users, IViewerProfileRepository profiles, ISessionRepository sessions, ITurnRepository turns,
    FeedService feed, ViewerSignals signals)
{
    public const int MaxConversations = 50;

    /// <summary>A post the viewer may reach (published, public or unlisted, within their age rating); null otherwise.</summary>
    public async Task<PostDocument?> ReachableAsync(ClaimsPrincipal viewer, string postId, CancellationToken cancellationToken) =>
        await posts.FindAsync(postId, cancellationToken) is { } post
        && FeedService.IsReachable(post, await feed.MaxAgeRatingAsync(viewer, cancellationToken)) ? post : null;

    public async Task<FeedItem?> GetPostAsync(ClaimsPrincipal viewer, string postId, CancellationToken cancellationToken)
    {
        if (await ReachableAsync(viewer, postId, cancellationToken) is not { } post) return null;
        var profile = FeedClaims.UserIdOf(viewer) is { } id ? await profiles.FindAsync(id, cancellationToken) : null;
        return FeedService.ToItem(post, "Someone shared this post with you.", Set(profile?.LikedPostIds), Set(profile?.FollowedCreatorIds));
    }

    public async Task<LikeResult?> LikeAsync(ClaimsPrincipal viewer, string postId, bool like, CancellationToken cancellationToken)
    {
        if (await ReachableAsync(viewer, postId, cancellationToken) is not { } post) return null;
        var viewerId = FeedClaims.UserIdOf(viewer)!;
        var changed = false;
        await signals.ChangeAsync(viewerId, p => changed = ViewerSignals.Toggle(p.LikedPostIds, postId, like, ViewerSignals.MaxLikes), cancellationToken);
        if (changed && like) await signals.MoveInterestsAsync(viewerId, post, InterestVector.LikeWeight, cancellationToken);
        return new LikeResult(postId, like);
    }

    public async Task<bool> HideAsync(ClaimsPrincipal viewer, string postId, bool hide, CancellationToken cancellationToken)
    {
        if (await posts.FindAsync(postId, cancellationToken) is not { } post || post.Status != PostStatus.Published) return false;
        var viewerId = FeedClaims.UserIdOf(viewer)!;
        var changed = false;
        await signals.ChangeAsync(viewerId, p => changed = ViewerSignals.Toggle(p.HiddenPostIds, postId, hide, ViewerSignals.MaxHidden), cancellationToken);
        if (changed && hide) await signals.MoveInterestsAsync(viewerId, post, InterestVector.HideWeight, cancellationToken);
        return true;
    }

    /// <summary>The post the viewer opened (their interests move towards it), or null when they cannot reach it.</summary>
    public async Task<PostDocument?> OpenedAsync(ClaimsPrincipal viewer, string postId, CancellationToken cancellationToken)
    {
        if (await ReachableAsync(viewer, postId, cancellationToken) is not { } post) return null;
        await signals.MoveInterestsAsync(FeedClaims.UserIdOf(viewer)!, post, InterestVector.OpenWeight, cancellationToken);
        return post;
    }

    /// <summary>Null: no such creator. Throws <see cref="ArgumentException"/> for following oneself or too many creators.</summary>
    public async Task<FollowResult?> FollowAsync(ClaimsPrincipal viewer, string creatorId, bool follow, CancellationToken cancellationToken)
    {
        if (await CreatorAsync(creatorId, cancellationToken) is null) return null;
        var viewerId = FeedClaims.UserIdOf(viewer)!;
        if (follow && creatorId == viewerId) throw new ArgumentException("You cannot follow yourself.");
        await signals.ChangeAsync(viewerId, p =>
        {
            if (follow && p.FollowedCreatorIds.Count >= ViewerSignals.MaxFollows && !p.FollowedCreatorIds.Contains(creatorId))
                throw new ArgumentException($"You follow {ViewerSignals.MaxFollows} creators already; unfollow one first.");
            return ViewerSignals.Toggle(p.FollowedCreatorIds, creatorId, follow, ViewerSignals.MaxFollows);
        }, cancellationToken);
        return new FollowResult(creatorId, follow, (int)await profiles.CountFollowersAsync(creatorId, cancellationToken));
    }

    public async Task<CreatorProfile?> GetCreatorAsync(ClaimsPrincipal viewer, string creatorId, CancellationToken cancellationToken)
    {
        if (await CreatorAsync(creatorId, cancellationToken) is not { } creator) return null;
        var maxRating = await feed.MaxAgeRatingAsync(viewer, cancellationToken);
        var profile = FeedClaims.UserIdOf(viewer) is { } id ? await profiles.FindAsync(id, cancellationToken) : null;
        var liked = Set(profile?.LikedPostIds);
        var followed = Set(profile?.FollowedCreatorIds);
        var published = (await posts.ListByCreatorAsync(creatorId, cancellationToken))
            .Where(p => FeedService.IsListed(p, maxRating))
            .OrderByDescending(p => p.PublishedAt)
            .Select(p => FeedService.ToItem(p, $"Published by {p.CreatorName}.", liked, followed))
            .ToList();
        return new CreatorProfile(creatorId, creator.DisplayName, (int)await profiles.CountFollowersAsync(creatorId, cancellationToken),
            followed.Contains(creatorId), published);
    }

    public async Task<ConversationList> ConversationsAsync(ClaimsPrincipal viewer, CancellationToken cancellationToken)
    {
        var viewerId = FeedClaims.UserIdOf(viewer)!;
        var items = new List<ConversationSummary>();
        foreach (var session in (await sessions.ListByOwnerAsync(viewerId, limit: MaxConversations, cancellationToken: cancellationToken))
                     .OrderByDescending(s => s.UpdatedAt))
        {
            var post = await posts.FindAsync(session.PostId, cancellationToken);
            if (post?.Published is null) continue;
            var last = session.LastTurnSeq > 0
                ? (await turns.ListAsync(session.Id, session.LastTurnSeq - 1, 1, cancellationToken)).FirstOrDefault()?.Text
                : null;
            var cover = post.Published.CoverImageId is { } imageId ? $"/images/{imageId}/card" : null;
            items.Add(new ConversationSummary(session.Id, post.Id, post.Published.Title, cover,
                Shorten(last ?? session.Greeting), (int)session.LastTurnSeq, session.UpdatedAt));
        }
        return new ConversationList(items);
    }

    /// <summary>A user who is a creator or has published at least one post.</summary>
    async Task<UserDocument?> CreatorAsync(string creatorId, CancellationToken cancellationToken)
    {
        if (await users.FindAsync(creatorId, cancellationToken) is not { } user) return null;
        if (user.Roles.Contains(UserRoles.Creator)) return user;
        return (await posts.ListByCreatorAsync(creatorId, cancellationToken)).Any(p => p.Status == PostStatus.Published) ? user : null;
    }

    static HashSet<string> Set(List<string>? ids) => (ids ?? []).ToHashSet(StringComparer.Ordinal);

    static string Shorten(string text) => text.Length <= 160 ? text : text[..157] + "…";
}
