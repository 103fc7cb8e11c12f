using FeedEngine.Ads.Campaigns;
using FeedEngine.Storage.Campaigns;

namespace FeedEngine.Ads.Reports;

/// <summary>Reads a campaign's events and ledger and builds its report, for its advertiser (or an admin).</summary>
public sealed class ReportService(ICampaignRepository campaigns, IAdEventRepository events, IAdLedgerRepository ledger, TimeProvider time)
{
    public const int MaxDays = 366;

    public async Task<AdsResult<CampaignReport>> GetAsync(AdsCaller caller, string campaignId, DateOnly? from = null, DateOnly? to = null, CancellationToken cancellationToken = default)
    {
        var campaign = await campaigns.FindAsync(campaignId, cancellationToken);
        if (campaign is null || !(caller.IsAdmin || campaign.AdvertiserId == caller.UserId)) return AdsError.CampaignNotFound(campaignId);
        if (from is { } f && to is { } t)
        {
            if (t < f) return RangeError("to", "The last day is before the first day. Swap them.");
            if (t.DayNumber - f.DayNumber + 1 > MaxDays) return RangeError("to", $"A report covers at most {MaxDays} days. Ask for a shorter range.");
        }

        // With a range, read only its days (in the campaign's zone); without one, everything.
        var zone = CampaignTime.ZoneOf(campaign.TimeZone);
        var firstDay = from ?? to;
        var lastDay = to ?? from;
        DateTime? start = firstDay is { } a ? CampaignTime.DayStartUtc(a, zone) : null;
        DateTime? end = lastDay is { } b ? CampaignTime.DayStartUtc(b.AddDays(1), zone) : null;
        var recorded = await events.ListByCampaignAsync(campaign.Id, start, end, cancellationToken);
        var charged = await ledger.ListByCampaignAsync(campaign.Id, start, end, cancellationToken);
        return ReportBuilder.Build(campaign, recorded, charged, time.GetUtcNow().UtcDateTime, from, to);
    }

    static AdsError RangeError(string field, string message) =>
        new(AdsErrorKind.Invalid, message, new Dictionary<string, string[]> { [field] = [message] });
}
