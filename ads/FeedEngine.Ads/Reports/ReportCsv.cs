using System.Globalization;
using System.Text;

namespace FeedEngine.Ads.Reports;

/// <summary>
/// The report as CSV (RFC 4180, comma-separated, invariant numbers with '.' decimals): a header, one row per day, then a
/// <c>total</c> row. The figures are the report's own, digit for digit; empty cells where a ratio has nothing to divide by.
/// </summary>
public static class ReportCsv
{
    public const string ContentType = "text/csv; charset=utf-8";
    public const string Header = "date,impressions,engagements,clicks,engagement_rate,spend,cost_per_engagement,currency";

    public static string Write(CampaignReport report)
    {
        var csv = new StringBuilder().Append(Header).Append("\r\n");
        foreach (var day in report.Days) Row(csv, day.Date!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), day, report.Currency);
        Row(csv, "total", report.Totals, report.Currency);
        return csv.ToString();
    }

    public static string FileName(CampaignReport report) => $"campaign-{report.CampaignId}-report.csv";

    static void Row(StringBuilder csv, string label, ReportFigures f, string currency) => csv
        .Append(label).Append(',')
        .Append(f.Impressions.ToString(CultureInfo.InvariantCulture)).Append(',')
        .Append(f.Engagements.ToString(CultureInfo.InvariantCulture)).Append(',')
        .Append(f.Clicks.ToString(CultureInfo.InvariantCulture)).Append(',')
        .Append(f.EngagementRate?.ToString(CultureInfo.InvariantCulture)).Append(',')
        .Append(f.Spend.ToString(CultureInfo.InvariantCulture)).Append(',')
        .Append(f.CostPerEngagement?.ToString(CultureInfo.InvariantCulture)).Append(',')
        .Append(currency).Append("\r\n");
}
