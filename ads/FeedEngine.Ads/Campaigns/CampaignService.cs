using System.Text.Json;
using FeedEngine.Storage;
using FeedEngine.Storage.Campaigns;
using FeedEngine.Storage.Images;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FeedEngine.Ads.Campaigns;

/// <summary>
/// Advertisers' campaigns: create, read, list, edit, pause and resume, for the API and the portal alike. An advertiser
/// sees and changes only their own campaigns (others' are "not found"); admins may read any. A new campaign, an edit
/// to the creative, or any edit to a rejected campaign puts it in the review queue.
/// </summary>
public sealed class CampaignService(
    ICampaignRepository campaigns,
    IAdLedgerRepository ledger,
    IImageRepository images,
    Review.CreativeModeration moderation,
    IOptions<AdsOptions> options,
    TimeProvider time,
    ILogger<CampaignService> logger)
{
    const int MaxWriteAttempts = 3;
    AdsOptions Options => options.Value;
    DateTime Now => time.GetUtcNow().UtcDateTime;

    public async Task<AdsResult<CampaignView>> CreateAsync(AdsCaller caller, CampaignRequest request, CancellationToken cancellationToken = default)
    {
        var now = Now;
        var (fields, errors) = CampaignValidation.Validate(request, Rules(now));
        if (fields is null) return Invalid(errors);
        if (await ImageErrorAsync(fields, cancellationToken) is { } imageError) return imageError;
        var owned = await campaigns.ListByAdvertiserAsync(caller.UserId, cancellationToken);
        if (owned.Count >= Options.MaxCampaignsPerAdvertiser)
            return new AdsError(AdsErrorKind.Conflict, $"Your account holds {owned.Count} campaigns, the most one account may have. Reuse one of them by editing it.");

        var campaign = new CampaignDocument
        {
            Id = DocumentIds.New(),
            AdvertiserId = caller.UserId,
            Currency = Options.Currency,
            Review = ReviewStatus.PendingReview,
            SubmittedAt = now,
            CreativeRevision = 1,
            CreatedAt = now,
        };
        Apply(campaign, fields, now);
        campaign.Moderation = await moderation.CheckAsync(campaign, now, cancellationToken);
        var outcome = await campaigns.InsertAsync(campaign, cancellationToken);
        if (outcome != WriteOutcome.Ok) throw new InvalidOperationException($"Storing new campaign {campaign.Id} ended with {outcome}.");
        CampaignLog.Created(logger, campaign.Id, caller.UserId);
        return CampaignView.From(campaign, CampaignSpend.None, now);
    }

    public async Task<AdsResult<CampaignView>> GetAsync(AdsCaller caller, string campaignId, CancellationToken cancellationToken = default)
    {
        var campaign = await campaigns.FindAsync(campaignId, cancellationToken);
        if (campaign is null || !(caller.IsAdmin || campaign.AdvertiserId == caller.UserId)) return AdsError.CampaignNotFound(campaignId);
        return await ViewAsync(campaign, cancellationToken);
    }

    /// <summary>The caller's own campaigns, newest first (admins too see only their own here).</summary>
    public async Task<CampaignList> ListAsync(AdsCaller caller, CancellationToken cancellationToken = default)
    {
        var owned = await campaigns.ListByAdvertiserAsync(caller.UserId, cancellationToken);
        var views = new List<CampaignView>(owned.Count);
        foreach (var campaign in owned) views.Add(await ViewAsync(campaign, cancellationToken));
        return new CampaignList(views);
    }

    public async Task<AdsResult<CampaignView>> UpdateAsync(AdsCaller caller, string campaignId, CampaignRequest request, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            var now = Now;
            var found = await FindOwnedAsync(caller, campaignId, cancellationToken);
            if (!found.Succeeded) return found.Error;
            var campaign = found.Value;
            var spend = await SpendAsync(campaign, now, cancellationToken);
            var (fields, errors) = CampaignValidation.Validate(request, Rules(now, campaign, spend.Total));
            if (fields is null) return Invalid(errors);
            if (await ImageErrorAsync(fields, cancellationToken) is { } imageError) return imageError;

            var before = Snapshot(campaign);
            var creativeBefore = Snapshot(campaign.Creative);
            Apply(campaign, fields, now);
            if (Snapshot(campaign) == before) return CampaignView.From(campaign, spend, now);

            var creativeChanged = Snapshot(campaign.Creative) != creativeBefore;
            if (creativeChanged)
            {
                campaign.CreativeRevision++;
                campaign.Moderation = await moderation.CheckAsync(campaign, now, cancellationToken);
            }
            var resubmitted = creativeChanged || campaign.Review == ReviewStatus.Rejected;
            if (resubmitted) SendToReview(campaign, now);
            campaign.UpdatedAt = now;

            switch (await campaigns.UpdateAsync(campaign, cancellationToken))
            {
                case WriteOutcome.Ok:
                    CampaignLog.Updated(logger, campaign.Id, caller.UserId, resubmitted);
                    return CampaignView.From(campaign, spend, now);
                case WriteOutcome.NotFound:
                    return AdsError.CampaignNotFound(campaignId);
                case WriteOutcome.Conflict when attempt < MaxWriteAttempts:
                    continue; // changed meanwhile (a review, a pause): apply the request again to the newer campaign
                default:
                    return Busy();
            }
        }
    }

    public async Task<AdsResult<CampaignView>> SetPausedAsync(AdsCaller caller, string campaignId, bool paused, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            var found = await FindOwnedAsync(caller, campaignId, cancellationToken);
            if (!found.Succeeded) return found.Error;
            var campaign = found.Value;
            if (campaign.Paused == paused) return await ViewAsync(campaign, cancellationToken);
            campaign.Paused = paused;
            campaign.UpdatedAt = Now;
            switch (await campaigns.UpdateAsync(campaign, cancellationToken))
            {
                case WriteOutcome.Ok:
                    CampaignLog.PauseChanged(logger, campaign.Id, caller.UserId, paused);
                    return await ViewAsync(campaign, cancellationToken);
                case WriteOutcome.NotFound:
                    return AdsError.CampaignNotFound(campaignId);
                case WriteOutcome.Conflict when attempt < MaxWriteAttempts:
                    continue;
                default:
                    return Busy();
            }
        }
    }

    /// <summary>The campaign with its spend from the ledger, as a view.</summary>
    public async Task<CampaignView> ViewAsync(CampaignDocument campaign, CancellationToken cancellationToken = default)
    {
        var now = Now;
        return CampaignView.From(campaign, await SpendAsync(campaign, now, cancellationToken), now);
    }

    async Task<CampaignSpend> SpendAsync(CampaignDocument campaign, DateTime now, CancellationToken cancellationToken) =>
        CampaignDelivery.SpendOf(campaign, await ledger.ListByCampaignAsync(campaign.Id, cancellationToken: cancellationToken), now);

    async Task<AdsResult<CampaignDocument>> FindOwnedAsync(AdsCaller caller, string campaignId, CancellationToken cancellationToken)
    {
        var campaign = await campaigns.FindAsync(campaignId, cancellationToken);
        if (campaign is null || !(caller.IsAdmin || campaign.AdvertiserId == caller.UserId)) return AdsError.CampaignNotFound(campaignId);
        if (campaign.AdvertiserId != caller.UserId)
            return new AdsError(AdsErrorKind.Forbidden, "Only the advertiser who owns this campaign can change it. Admins approve or reject it instead.");
        return campaign;
    }

    async Task<AdsError?> ImageErrorAsync(CampaignFields fields, CancellationToken cancellationToken)
    {
        if (fields.Creative.ImageId is not { } imageId || await images.FindAsync(imageId, cancellationToken) is not null) return null;
        return Invalid(new Dictionary<string, string[]>
        {
            ["imageId"] = [$"No uploaded image has the id {PlainText.Quote(imageId)}. Upload the image with POST /api/images and use the imageId it returns."],
        });
    }

    CampaignRules Rules(DateTime now, CampaignDocument? existing = null, decimal spent = 0) =>
        new(existing?.Currency ?? Options.Currency, Options.CurrencyDecimals, Options.MaxAmount, now, existing, spent);

    static void Apply(CampaignDocument campaign, CampaignFields fields, DateTime now)
    {
        campaign.Name = fields.Name;
        campaign.TotalBudget = fields.TotalBudget;
        campaign.DailyBudget = fields.DailyBudget;
        campaign.Bid = fields.Bid;
        campaign.BidType = fields.BidType;
        campaign.StartsAt = fields.StartsAt;
        campaign.EndsAt = fields.EndsAt;
        campaign.TimeZone = fields.TimeZone;
        campaign.Creative = fields.Creative;
        campaign.Targeting = fields.Targeting;
        campaign.FrequencyCaps = fields.FrequencyCaps;
        campaign.Exclusions = fields.Exclusions;
        if (campaign.UpdatedAt == default) campaign.UpdatedAt = now;
    }

    /// <summary>Back in the queue: the earlier decision was about another creative.</summary>
    static void SendToReview(CampaignDocument campaign, DateTime now)
    {
        campaign.Review = ReviewStatus.PendingReview;
        campaign.ReviewReason = null;
        campaign.ReviewedBy = null;
        campaign.ReviewedAt = null;
        campaign.SubmittedAt = now;
    }

    static string Snapshot<T>(T value) => JsonSerializer.Serialize(value);

    static AdsError Invalid(Dictionary<string, string[]> errors) =>
        new(AdsErrorKind.Invalid, string.Join(" ", errors.Values.SelectMany(v => v)), errors);

    static AdsError Busy() =>
        new(AdsErrorKind.Conflict, "The campaign is being changed by someone else right now. Reload it and try again.");
}
