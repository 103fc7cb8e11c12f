using FeedEngine.Engine.Abstractions.Ads;
using FeedEngine.Web.Client.Feed;

namespace FeedEngine.Web.Feed;

/// <summary>
/// Puts sponsored cards into a page of the feed: after every <see cref="EveryCards"/> - 1 posts, so never more than one
/// in any <see cref="EveryCards"/> cards, each chosen by the ad system for the post before it (its kind, tags and rating,
/// which campaigns' exclusions are checked against). Signed-in viewers only: a card's events belong to its viewer.
/// </summary>
public sealed class SponsoredFeedMerger(IServiceProvider services, IConfiguration configuration)
{
    public int EveryCards => Math.Max(2, configuration.GetValue("Ads:Serving:FeedEveryCards", 5));

    public async Task<IReadOnlyList<FeedItem>> MergeAsync(string? viewerId, IReadOnlyList<FeedItem> posts, CancellationToken cancellationToken)
    {
        if (viewerId is null || services.GetService<ISponsoredSelector>() is not { } selector) return posts;
        var merged = new List<FeedItem>(posts.Count + posts.Count / (EveryCards - 1));
        for (var i = 0; i < posts.Count; i++)
        {
            var post = posts[i];
            merged.Add(post);
            if ((i + 1) % (EveryCards - 1) != 0) continue;
            var offer = await selector.SelectAsync(new SponsoredOpportunity
            {
                ViewerId = viewerId,
                PostId = post.PostId,
                PostKind = post.PostKind,
                Tags = [.. post.Tags],
                AgeRating = post.AgeRating,
                Interests = $"{post.Title} {string.Join(' ', post.Tags)}",
            }, cancellationToken);
            if (offer is not null) merged.Add(CardOf(offer));
        }
        return merged;
    }

    static FeedItem CardOf(SponsoredOffer offer) => new(
        Kind: "sponsored",
        PostId: offer.PlacementId,
        Title: offer.Headline,
        CoverUrl: offer.ImageUrl,
        Creator: new FeedCreator(offer.CampaignId, offer.BrandName),
        Hook: offer.Welcome,
        PostKind: "sponsored",
        AgeRating: "everyone",
        Tags: [],
        Sponsored: new SponsoredFeedCard(offer.Label, offer.PlacementId, offer.BrandName, offer.Welcome, offer.SuggestedPrompts, offer.ClickUrl));
}
