namespace FeedEngine.Web.Client.Feed;

/// <summary>The creator shown on a feed card.</summary>
public sealed record FeedCreator(string Id, string DisplayName);

/// <summary>
/// One card of the feed. <see cref="Kind"/> is <c>post</c> or <c>sponsored</c>; <see cref="PostKind"/> what the post is.
/// <see cref="Why"/> answers "Why am I seeing this?"; <see cref="Liked"/> and <see cref="FollowingCreator"/> are the
/// viewer's own marks (false for anonymous readers).
/// </summary>
public sealed record FeedItem(
    string Kind,
    string PostId,
    string Title,
    string? CoverUrl,
    FeedCreator Creator,
    string Hook,
    string PostKind,
    string AgeRating,
    IReadOnlyList<string> Tags,
    string? Why = null,
    bool Liked = false,
    bool FollowingCreator = false,
    int TalkingNow = 0,
    SponsoredFeedCard? Sponsored = null);

/// <summary>
/// A sponsored card's own fields, always shown with its <see cref="Label"/>. Report its impression with
/// <c>POST /api/ads/events { placementId, kind: "impression" }</c>; <see cref="ClickUrl"/> opens the brand's page.
/// </summary>
public sealed record SponsoredFeedCard(string Label, string PlacementId, string BrandName, string Welcome, IReadOnlyList<string> SuggestedPrompts, string ClickUrl);

/// <summary>A page of the feed; <see cref="Cursor"/> is null on the last page.</summary>
public sealed record FeedPage(IReadOnlyList<FeedItem> Items, string? Cursor);

/// <summary>Where the feed page gets its cards: the API from the browser, the service directly when prerendering.</summary>
public interface IFeedSource
{
    Task<FeedPage> GetPageAsync(string? cursor, int pageSize, CancellationToken cancellationToken = default);
}

public static class FeedLimits
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 50;

    /// <summary>Cards the feed page asks for at a time while the viewer scrolls.</summary>
    public const int ScrollPageSize = 12;
}
