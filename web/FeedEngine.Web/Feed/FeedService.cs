using System.Security.Claims;
using System.Text.Json;
using FeedEngine.Storage.Posts;
using FeedEngine.Storage.Users;
using FeedEngine.Storage.Viewers;
using FeedEngine.Web.Accounts;
using FeedEngine.Web.Client.Feed;

namespace FeedEngine.Web.Feed;

/// <summary>Pages of published public posts for a viewer, newest first; age-restricted posts only for viewers old enough.</summary>
public sealed class FeedService(IPostRepository posts, IUserRepository users, IViewerProfileRepository profiles, SponsoredFeedMerger sponsored, TimeProvider clock)
{
    public async Task<FeedPage> GetPageAsync(ClaimsPrincipal viewer, FeedCursor? cursor, int pageSize, CancellationToken cancellationToken)
    {
        var maxRating = await MaxAgeRatingAsync(viewer, cancellationToken);
        // Creators the viewer blocked leave the viewer's feed.
        var blocked = FeedClaims.UserIdOf(viewer) is { } viewerId
            ? (await profiles.FindAsync(viewerId, cancellationToken))?.BlockedCreatorIds ?? []
            : [];
        var query = new FeedPageQuery(pageSize + 1, cursor?.PublishedAt, cursor?.PostId, maxRating) { ExcludedCreatorIds = blocked };
        var page = await posts.ListPublishedAsync(query, cancellationToken);
        var shown = page.Take(pageSize).ToList();
        var next = page.Count > pageSize ? new FeedCursor(shown[^1].PublishedAt!.Value, shown[^1].Id).Encode() : null;
        var items = await sponsored.MergeAsync(FeedClaims.UserIdOf(viewer), [.. shown.Select(ToItem)], cancellationToken);
        return new FeedPage(items, next);
    }

    async Task<AgeRating> MaxAgeRatingAsync(ClaimsPrincipal viewer, CancellationToken cancellationToken)
    {
        if (FeedClaims.UserIdOf(viewer) is not { } id) return AgeRating.Everyone;
        var user = await users.FindAsync(id, cancellationToken);
        return AgeRatings.MaxFor(user?.BirthYear, clock.GetUtcNow());
    }

    static FeedItem ToItem(PostDocument post)
    {
        var content = post.Published!;
        return new FeedItem(
            Kind: "post",
            PostId: post.Id,
            Title: content.Title,
            CoverUrl: content.CoverImageId is null ? null : $"/images/{content.CoverImageId}/card",
            Creator: new FeedCreator(post.CreatorId, post.CreatorName),
            Hook: content.Hook,
            PostKind: JsonNamingPolicy.CamelCase.ConvertName(content.Kind.ToString()),
            AgeRating: JsonNamingPolicy.CamelCase.ConvertName(content.AgeRating.ToString()),
            Tags: content.Tags);
    }
}

/// <summary>The feed page's source while prerendering on the server: the service, for the request's user.</summary>
public sealed class ServerFeedSource(FeedService feed, IHttpContextAccessor http) : IFeedSource
{
    public Task<FeedPage> GetPageAsync(string? cursor, int pageSize, CancellationToken cancellationToken = default)
    {
        FeedCursor? position = FeedCursor.TryDecode(cursor, out var decoded) ? decoded : null;
        var user = http.HttpContext?.User ?? new ClaimsPrincipal();
        return feed.GetPageAsync(user, position, pageSize, cancellationToken);
    }
}
