using FeedEngine.Storage.Campaigns;

namespace FeedEngine.Ads.Campaigns;

/// <summary>What the advertiser sees as the campaign's state: its review, or its advertiser's pause.</summary>
public enum CampaignStatus { PendingReview, Approved, Rejected, Paused }

/// <summary>Whether the campaign can serve now, and if not, why not.</summary>
public enum DeliveryState { AwaitingReview, Rejected, Paused, Scheduled, Running, DailyBudgetSpent, BudgetSpent, Ended }

/// <summary>What the campaign has spent: in all, and on its current local day.</summary>
public sealed record CampaignSpend(decimal Total, decimal Today)
{
    public static CampaignSpend None { get; } = new(0, 0);
}

/// <summary>
/// The serving rule: only approved, unpaused campaigns within their schedule, with total and daily budget left, are
/// eligible. Everything else has one reason, checked in this order.
/// </summary>
public static class CampaignDelivery
{
    public static CampaignStatus StatusOf(CampaignDocument campaign) => campaign.Paused
        ? CampaignStatus.Paused
        : campaign.Review switch
        {
            ReviewStatus.Approved => CampaignStatus.Approved,
            ReviewStatus.Rejected => CampaignStatus.Rejected,
            _ => CampaignStatus.PendingReview,
        };

    public static DeliveryState StateOf(CampaignDocument campaign, CampaignSpend spend, DateTime now)
    {
        if (campaign.Review == ReviewStatus.Rejected) return DeliveryState.Rejected;
        if (campaign.Review == ReviewStatus.PendingReview) return DeliveryState.AwaitingReview;
        if (campaign.Paused) return DeliveryState.Paused;
        if (now >= campaign.EndsAt) return DeliveryState.Ended;
        if (spend.Total >= campaign.TotalBudget) return DeliveryState.BudgetSpent;
        if (now < campaign.StartsAt) return DeliveryState.Scheduled;
        if (spend.Today >= campaign.DailyBudget) return DeliveryState.DailyBudgetSpent;
        return DeliveryState.Running;
    }

    public static bool IsEligible(CampaignDocument campaign, CampaignSpend spend, DateTime now) =>
        StateOf(campaign, spend, now) == DeliveryState.Running;

    /// <summary>Sums the ledger: everything, and the entries of the campaign's local day that contains <paramref name="now"/>.</summary>
    public static CampaignSpend SpendOf(CampaignDocument campaign, IEnumerable<AdLedgerEntryDocument> ledger, DateTime now)
    {
        var zone = CampaignTime.ZoneOf(campaign.TimeZone);
        var today = CampaignTime.LocalDate(now, zone);
        decimal total = 0, todays = 0;
        foreach (var entry in ledger)
        {
            total += entry.Amount;
            if (CampaignTime.LocalDate(entry.OccurredAt, zone) == today) todays += entry.Amount;
        }
        return new CampaignSpend(total, todays);
    }
}
