using System.Security.Claims;
using System.Text.Json;
using FeedEngine.Storage.Posts;
using FeedEngine.Storage.Users;
using FeedEngine.Storage.Viewers;
using FeedEngine.Web.Accounts;
using FeedEngine.Web.Client.Feed;
using FeedEngine.Web.Feed.Ranking;

namespace FeedEngine.Web.Feed;

/// <summary>
/// The viewer's ranked feed. Candidates: the newest published public posts (up to <see cref="MaxCandidates"/>) plus the
/// posts of followed creators, within the viewer's age rating, minus hidden posts, blocked creators and everything the
/// cursor says was shown. <see cref="FeedRanker"/> orders them; interest similarity uses the posts' embeddings when the
/// viewer has an interest vector; engagement quality comes from <see cref="PostEngagementCache"/> (never waited on). Items keep <c>kind: post</c>; sponsored cards are placed by the ads feature.
/// </summary>
public sealed class FeedService(
    IPostRepository posts, IUserRepository users, IViewerProfileRepository profiles, PostVectors vectors, SponsoredFeedMerger sponsored, TimeProvider clock,
    Sessions.TalkingNowTracker talking, PostEngagementCache engagement)
{
    public const int MaxCandidates = 1_000;
    const int MaxFollowedCreatorsRead = 50;

    public async Task<FeedPage> GetPageAsync(ClaimsPrincipal viewer, FeedCursor? cursor, int pageSize, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var asOf = cursor?.AsOf ?? now;
        var viewerId = FeedClaims.UserIdOf(viewer);
        var maxRating = await MaxAgeRatingAsync(viewer, cancellationToken);
        var profile = viewerId is null ? null : await profiles.FindAsync(viewerId, cancellationToken);
        var shown = cursor?.ShownSet() ?? [];
        if (shown.Count >= FeedCursor.MaxShown) return new FeedPage([], null);

        var candidates = await CandidatesAsync(profile, maxRating, asOf, shown, cancellationToken);
        var interests = profile?.InterestVector;
        var postVectors = interests is null ? null : await vectors.GetManyAsync(candidates, cancellationToken);
        var rankViewer = new RankViewer(
            Seed: $"{viewerId ?? "anonymous"}:{asOf:yyyyMMdd}",
            Interests: interests,
            FollowedCreatorIds: (profile?.FollowedCreatorIds ?? []).ToHashSet(StringComparer.Ordinal));
        var quality = engagement.Get(candidates.Select(p => p.Id));
        var ranked = FeedRanker.Rank(rankViewer, [.. candidates.Select(p => ToCandidate(p, postVectors, quality))], now, pageSize);

        var liked = (profile?.LikedPostIds ?? []).ToHashSet(StringComparer.Ordinal);
        var byId = candidates.ToDictionary(p => p.Id, StringComparer.Ordinal);
        var items = ranked.Select(r => ToItem(byId[r.Post.PostId], r.Why, liked, rankViewer.FollowedCreatorIds)).ToList();
        var talkingNow = await talking.CountsAsync(items.Select(i => i.PostId));
        items = [.. items.Select(i => i with { TalkingNow = talkingNow.GetValueOrDefault(i.PostId) })];
        var next = (cursor ?? new FeedCursor(asOf, [])).With(items.Select(i => i.PostId));
        var more = candidates.Count > items.Count && next.Shown.Count < FeedCursor.MaxShown;
        var withSponsored = await sponsored.MergeAsync(viewerId, items, cancellationToken);
        return new FeedPage(withSponsored, more ? next.Encode() : null);
    }

    async Task<List<PostDocument>> CandidatesAsync(ViewerProfileDocument? profile, AgeRating maxRating, DateTime asOf, HashSet<uint> shown, CancellationToken cancellationToken)
    {
        var blocked = profile?.BlockedCreatorIds ?? [];
        var hidden = (profile?.HiddenPostIds ?? []).ToHashSet(StringComparer.Ordinal);
        var query = new FeedPageQuery(MaxCandidates, MaxAgeRating: maxRating) { ExcludedCreatorIds = blocked };
        var found = new Dictionary<string, PostDocument>(StringComparer.Ordinal);
        foreach (var post in await posts.ListPublishedAsync(query, cancellationToken)) found.TryAdd(post.Id, post);
        foreach (var creatorId in (profile?.FollowedCreatorIds ?? []).Where(c => !blocked.Contains(c)).Take(MaxFollowedCreatorsRead))
            foreach (var post in await posts.ListByCreatorAsync(creatorId, cancellationToken))
                if (IsListed(post, maxRating)) found.TryAdd(post.Id, post);
        return [.. found.Values.Where(p => p.PublishedAt <= asOf && !hidden.Contains(p.Id) && !shown.Contains(FeedCursor.Hash(p.Id)))];
    }

    /// <summary>A published public post within the rating, not taken down.</summary>
    public static bool IsListed(PostDocument post, AgeRating maxRating) =>
        IsReachable(post, maxRating) && post.Published!.Visibility == PostVisibility.Public;

    /// <summary>A published post (public or unlisted: reachable by its link) within the rating, not taken down.</summary>
    public static bool IsReachable(PostDocument post, AgeRating maxRating) =>
        post.Status == PostStatus.Published && post.Published is { } content && post.Takedown is null
        && content.Visibility != PostVisibility.Private && content.AgeRating <= maxRating && post.PublishedAt is not null;

    public async Task<AgeRating> MaxAgeRatingAsync(ClaimsPrincipal viewer, CancellationToken cancellationToken)
    {
        if (FeedClaims.UserIdOf(viewer) is not { } id) return AgeRating.Everyone;
        var user = await users.FindAsync(id, cancellationToken);
        return AgeRatings.MaxFor(user?.BirthYear, clock.GetUtcNow());
    }

    static RankCandidate ToCandidate(PostDocument post, IReadOnlyDictionary<string, float[]>? postVectors, IReadOnlyDictionary<string, double> quality) => new(
        post.Id, post.CreatorId, post.CreatorName, post.Published!.Kind.ToString(), post.PublishedAt!.Value,
        postVectors?.GetValueOrDefault(post.Id), Engagement: quality.GetValueOrDefault(post.Id, EngagementQuality.Neutral));

    public static FeedItem ToItem(PostDocument post, string? why = null, IReadOnlySet<string>? liked = null, IReadOnlySet<string>? followed = null)
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
            Tags: content.Tags,
            Why: why,
            Liked: liked?.Contains(post.Id) ?? false,
            FollowingCreator: followed?.Contains(post.CreatorId) ?? false);
    }
}

/// <summary>The feed page's source while prerendering on the server: the service, for the request's user.</summary>
public sealed class ServerFeedSource(FeedService feed, IHttpContextAccessor http, TimeProvider clock) : IFeedSource
{
    public Task<FeedPage> GetPageAsync(string? cursor, int pageSize, CancellationToken cancellationToken = default)
    {
        FeedCursor.TryDecode(cursor, clock.GetUtcNow().UtcDateTime, out var position);
        var user = http.HttpContext?.User ?? new ClaimsPrincipal();
        return feed.GetPageAsync(user, position, pageSize, cancellationToken);
    }
}
