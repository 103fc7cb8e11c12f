using FeedEngine.Ads.Campaigns;
using FeedEngine.Storage;
using FeedEngine.Storage.Campaigns;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FeedEngine.Ads.Review;

/// <summary>
/// <c>POST /api/campaigns/{campaignId}/approve</c> and <c>/reject</c>: <c>reason</c> is shown to the advertiser (required to
/// reject); <c>version</c>, when given, must be the version the reviewer looked at, so a creative changed meanwhile is never
/// approved unseen.
/// </summary>
public sealed record ReviewRequest(string? Reason = null, long? Version = null);

/// <summary>
/// The admins' side: the queue of campaigns waiting for review (longest waiting first) and the decisions. Nobody reviews
/// their own campaign. A pending or rejected campaign can be approved; a pending or approved one can be rejected (taken
/// down); repeating a decision changes nothing.
/// </summary>
public sealed class ReviewService(
    ICampaignRepository campaigns,
    CampaignService campaignViews,
    CreativeModeration moderation,
    IOptions<AdsOptions> options,
    TimeProvider time,
    ILogger<ReviewService> logger)
{
    const int MaxWriteAttempts = 3;

    public async Task<CampaignList> QueueAsync(CancellationToken cancellationToken = default)
    {
        var pending = await campaigns.ListByReviewAsync(ReviewStatus.PendingReview, options.Value.ReviewQueueSize, cancellationToken);
        var views = new List<CampaignView>(pending.Count);
        foreach (var campaign in pending) views.Add(await campaignViews.ViewAsync(campaign, cancellationToken));
        return new CampaignList(views);
    }

    public Task<AdsResult<CampaignView>> ApproveAsync(AdsCaller caller, string campaignId, ReviewRequest? request, CancellationToken cancellationToken = default) =>
        DecideAsync(caller, campaignId, request ?? new ReviewRequest(), ReviewStatus.Approved, cancellationToken);

    public Task<AdsResult<CampaignView>> RejectAsync(AdsCaller caller, string campaignId, ReviewRequest? request, CancellationToken cancellationToken = default) =>
        DecideAsync(caller, campaignId, request ?? new ReviewRequest(), ReviewStatus.Rejected, cancellationToken);

    async Task<AdsResult<CampaignView>> DecideAsync(AdsCaller caller, string campaignId, ReviewRequest request, ReviewStatus decision, CancellationToken cancellationToken)
    {
        if (!caller.IsAdmin) return new AdsError(AdsErrorKind.Forbidden, "Only admins review campaigns.");
        var (reason, reasonError) = CampaignValidation.Reason(request.Reason, required: decision == ReviewStatus.Rejected);
        if (reasonError is not null)
            return new AdsError(AdsErrorKind.Invalid, reasonError, new Dictionary<string, string[]> { ["reason"] = [reasonError] });

        int? creativeSeen = null;
        for (var attempt = 1; ; attempt++)
        {
            var campaign = await campaigns.FindAsync(campaignId, cancellationToken);
            if (campaign is null) return AdsError.CampaignNotFound(campaignId);
            if (creativeSeen is { } revision && revision != campaign.CreativeRevision)
                return new AdsError(AdsErrorKind.Conflict, "The advertiser changed the creative while you were deciding. Look at the new creative and decide again.");
            creativeSeen = campaign.CreativeRevision;
            if (campaign.AdvertiserId == caller.UserId)
                return new AdsError(AdsErrorKind.Forbidden, "You created this campaign, so another admin must review it.");
            if (request.Version is { } seen && seen != campaign.Version)
                return new AdsError(AdsErrorKind.Conflict,
                    $"The campaign changed since you opened it (version {seen}, now {campaign.Version}). Look at the current creative and decide again.");
            if (campaign.Review == decision && campaign.ReviewReason == reason) return await campaignViews.ViewAsync(campaign, cancellationToken);
            if (campaign.Review == decision && decision == ReviewStatus.Approved) return await campaignViews.ViewAsync(campaign, cancellationToken);

            var now = time.GetUtcNow().UtcDateTime;
            if (decision == ReviewStatus.Approved)
            {
                if (await RefuseFlaggedAsync(campaign, now, cancellationToken) is { } refusal) return refusal;
                campaign.Moderation = null;
            }
            campaign.Review = decision;
            campaign.ReviewReason = reason;
            campaign.ReviewedBy = caller.UserId;
            campaign.ReviewedAt = now;
            campaign.UpdatedAt = now;
            switch (await campaigns.UpdateAsync(campaign, cancellationToken))
            {
                case WriteOutcome.Ok:
                    CampaignLog.Reviewed(logger, campaign.Id, caller.UserId, decision.ToString());
                    return await campaignViews.ViewAsync(campaign, cancellationToken);
                case WriteOutcome.NotFound:
                    return AdsError.CampaignNotFound(campaignId);
                case WriteOutcome.Conflict when attempt < MaxWriteAttempts && request.Version is null:
                    continue; // e.g. paused meanwhile; decided again only if the creative is still the one first read
                default:
                    return new AdsError(AdsErrorKind.Conflict, "The campaign changed while you were deciding. Look at the current creative and decide again.");
            }
        }
    }

    /// <summary>
    /// Moderates the creative being approved (again: the rules or the classifier may have changed since it was submitted).
    /// A flagged creative is not approved: the flag is stored on the campaign for the queue, and the reviewer is told why.
    /// </summary>
    async Task<AdsError?> RefuseFlaggedAsync(CampaignDocument campaign, DateTime now, CancellationToken cancellationToken)
    {
        if (await moderation.CheckAsync(campaign, now, cancellationToken) is not { } flag) return null;
        if (campaign.Moderation is not { } stored || stored.Reason != flag.Reason || stored.CreativeRevision != flag.CreativeRevision)
        {
            campaign.Moderation = flag;
            campaign.UpdatedAt = now;
            // The refusal stands whether or not the flag could be stored (a concurrent edit reviews the new creative anyway).
            await campaigns.UpdateAsync(campaign, cancellationToken);
        }
        return new AdsError(AdsErrorKind.Flagged,
            $"{flag.Reason} A flagged creative cannot be approved: reject it with a reason for the advertiser, who can change the creative and submit it again.",
            new Dictionary<string, string[]> { [flag.Field] = [flag.Reason] });
    }
}
