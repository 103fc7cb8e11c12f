using FeedEngine.Web.Client.Feed;

namespace FeedEngine.Web.Client.Social;

/// <summary>A creator's public profile: their published posts and how many people follow them.</summary>
public sealed record CreatorProfile(string CreatorId, string DisplayName, int FollowerCount, bool Following, IReadOnlyList<FeedItem> Posts);

/// <summary>One of the viewer's recent conversations, for "My conversations".</summary>
public sealed record ConversationSummary(string SessionId, string PostId, string Title, string? CoverUrl, string LastText, int Turns, DateTime UpdatedAt);

public sealed record ConversationList(IReadOnlyList<ConversationSummary> Items);

/// <summary>The viewer's marks after a like, follow or hide.</summary>
public sealed record LikeResult(string PostId, bool Liked);

public sealed record FollowResult(string CreatorId, bool Following, int FollowerCount);

/// <summary>Feed cards shown to the viewer (<c>POST /api/me/viewed</c>), at most 50 post ids a call.</summary>
public sealed record PostViewsRequest(IReadOnlyList<string>? PostIds);

/// <summary>A sponsored card's event: <c>impression</c> when it was shown.</summary>
public sealed record SponsoredEventRequest(string PlacementId, string Kind);

/// <summary>How many of the cards counted as new views (each post once per viewer per UTC day).</summary>
public sealed record PostViewsResult(int Counted);
