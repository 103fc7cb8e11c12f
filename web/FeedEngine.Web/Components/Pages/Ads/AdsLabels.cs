using System.Globalization;
using FeedEngine.Ads.Campaigns;
using FeedEngine.Storage.Campaigns;

namespace FeedEngine.Web.Components.Pages.Ads;

/// <summary>How the portal words a campaign's states and money.</summary>
public static class AdsLabels
{
    public static string Status(CampaignStatus status) => status switch
    {
        CampaignStatus.PendingReview => "Pending review",
        CampaignStatus.Approved => "Approved",
        CampaignStatus.Rejected => "Rejected",
        _ => "Paused",
    };

    public static string StatusClass(CampaignStatus status) => "status status-" + status.ToString().ToLowerInvariant();

    public static string Delivery(DeliveryState state) => state switch
    {
        DeliveryState.AwaitingReview => "Not serving yet: an admin reviews every new or changed creative.",
        DeliveryState.Rejected => "Not serving: the creative was rejected. Edit the campaign to submit it again.",
        DeliveryState.Paused => "Not serving: you paused it.",
        DeliveryState.Scheduled => "Approved; it starts serving at its start time.",
        DeliveryState.Running => "Serving now.",
        DeliveryState.DailyBudgetSpent => "Today's budget is spent; it serves again tomorrow (in its time zone).",
        DeliveryState.BudgetSpent => "The total budget is spent.",
        _ => "Ended.",
    };

    public static string BidType(BidType type) => type == Storage.Campaigns.BidType.Cpm ? "per 1,000 impressions (CPM)" : "per engaged conversation (CPE)";

    public static string Money(decimal amount, string currency) =>
        amount.ToString("#,##0.00##", CultureInfo.InvariantCulture) + " " + currency;

    public static string Time(DateTimeOffset time) => time.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public static string Percent(decimal? rate) => rate is { } r ? (r * 100).ToString("0.##", CultureInfo.InvariantCulture) + " %" : "—";

    /// <summary>The host of a landing URL, shown on the card so viewers know where it leads.</summary>
    public static string Host(string url) => Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.Host : url;

    public static IReadOnlyList<string> TimeZones { get; } =
        [CampaignTime.DefaultZone, .. TimeZoneInfo.GetSystemTimeZones().Where(z => z.HasIanaId && z.Id.Contains('/')).Select(z => z.Id).Order(StringComparer.Ordinal)];
}
