using FeedEngine.Media.Uploads;
using FeedEngine.Storage.Campaigns;

namespace FeedEngine.Ads.Campaigns;

/// <summary>A campaign as its advertiser (and reviewing admins) see it. Times are in the campaign's time zone, with their offset.</summary>
public sealed record CampaignView(
    string CampaignId,
    string Name,
    CampaignStatus Status,
    ReviewView Review,
    DeliveryState Delivery,
    bool Eligible,
    bool Paused,
    string Currency,
    decimal TotalBudget,
    decimal DailyBudget,
    decimal Bid,
    BidType BidType,
    decimal Spent,
    decimal SpentToday,
    decimal Remaining,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    string TimeZone,
    string Headline,
    string LandingUrl,
    string? ImageId,
    ImageVariantUrls? Image,
    SponsoredInteraction? SponsoredInteraction,
    CampaignTargeting Targeting,
    FrequencyCaps FrequencyCaps,
    CampaignExclusions Exclusions,
    int CreativeRevision,
    string AdvertiserId,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    long Version)
{
    public static CampaignView From(CampaignDocument campaign, CampaignSpend spend, DateTime now)
    {
        var zone = CampaignTime.ZoneOf(campaign.TimeZone);
        var delivery = CampaignDelivery.StateOf(campaign, spend, now);
        var creative = campaign.Creative;
        return new CampaignView(
            campaign.Id,
            campaign.Name,
            CampaignDelivery.StatusOf(campaign),
            new ReviewView(campaign.Review, campaign.ReviewReason, campaign.ReviewedAt, campaign.SubmittedAt, campaign.Moderation),
            delivery,
            delivery == DeliveryState.Running,
            campaign.Paused,
            campaign.Currency,
            campaign.TotalBudget,
            campaign.DailyBudget,
            campaign.Bid,
            campaign.BidType,
            spend.Total,
            spend.Today,
            Math.Max(0, campaign.TotalBudget - spend.Total),
            CampaignTime.InZone(campaign.StartsAt, zone),
            CampaignTime.InZone(campaign.EndsAt, zone),
            campaign.TimeZone,
            creative.Headline,
            creative.LandingUrl,
            creative.ImageId,
            creative.ImageId is { } id
                ? new ImageVariantUrls(
                    ImageVariantNames.UrlOf(id, ImageVariantNames.Thumbnail),
                    ImageVariantNames.UrlOf(id, ImageVariantNames.Card),
                    ImageVariantNames.UrlOf(id, ImageVariantNames.Full))
                : null,
            creative.SponsoredInteraction,
            campaign.Targeting,
            campaign.FrequencyCaps,
            campaign.Exclusions,
            campaign.CreativeRevision,
            campaign.AdvertiserId,
            campaign.CreatedAt,
            campaign.UpdatedAt,
            campaign.Version);
    }
}

/// <summary>
/// The review: its state, the reviewer's reason (shown to the advertiser), when it was decided and when submitted, and what
/// automatic moderation flagged in the creative (null: nothing), which keeps it from being approved.
/// </summary>
public sealed record ReviewView(ReviewStatus State, string? Reason, DateTime? ReviewedAt, DateTime SubmittedAt, CreativeFlag? Moderation = null);

/// <summary><c>GET /api/campaigns</c> and the review queue: <c>{ items }</c>.</summary>
public sealed record CampaignList(IReadOnlyList<CampaignView> Items);
