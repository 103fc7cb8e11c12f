using Microsoft.Extensions.Logging;

namespace FeedEngine.Ads.Campaigns;

static partial class CampaignLog
{
    [LoggerMessage(1, LogLevel.Information, "Campaign {CampaignId} created by {AdvertiserId}; it waits for review")]
    public static partial void Created(ILogger logger, string campaignId, string advertiserId);

    [LoggerMessage(2, LogLevel.Information, "Campaign {CampaignId} edited by {AdvertiserId}; sent back to review: {Resubmitted}")]
    public static partial void Updated(ILogger logger, string campaignId, string advertiserId, bool resubmitted);

    [LoggerMessage(3, LogLevel.Information, "Campaign {CampaignId} paused by {AdvertiserId}: {Paused}")]
    public static partial void PauseChanged(ILogger logger, string campaignId, string advertiserId, bool paused);

    [LoggerMessage(4, LogLevel.Information, "Campaign {CampaignId} reviewed by {AdminId}: {Decision}")]
    public static partial void Reviewed(ILogger logger, string campaignId, string adminId, string decision);
}
