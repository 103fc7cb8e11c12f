using System.Text.Json.Serialization;

namespace FeedEngine.Ads.Reports;

/// <summary>
/// What a campaign bought, by day in its time zone. Counts come from the recorded events, money from the ledger.
/// <c>engagementRate</c> = engagements / impressions and <c>costPerEngagement</c> = spend / engagements, both rounded to
/// 4 decimal places (half away from zero), null when there is nothing to divide by. Spend is exact.
/// </summary>
public sealed record CampaignReport(
    string CampaignId,
    string Name,
    string Currency,
    string TimeZone,
    DateOnly? From,
    DateOnly? To,
    IReadOnlyList<ReportFigures> Days,
    ReportFigures Totals);

/// <summary>One day's figures (with its <see cref="Date"/>), or the totals (without).</summary>
public sealed record ReportFigures(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateOnly? Date,
    long Impressions, long Engagements, long Clicks, decimal Spend, decimal? EngagementRate, decimal? CostPerEngagement)
{
    public const int RatioDecimals = 4;

    public static ReportFigures Of(DateOnly? date, long impressions, long engagements, long clicks, decimal spend) => new(
        date, impressions, engagements, clicks, spend,
        impressions == 0 ? null : decimal.Round((decimal)engagements / impressions, RatioDecimals, MidpointRounding.AwayFromZero),
        engagements == 0 ? null : decimal.Round(spend / engagements, RatioDecimals, MidpointRounding.AwayFromZero));
}
