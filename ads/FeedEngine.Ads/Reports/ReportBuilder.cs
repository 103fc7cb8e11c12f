using FeedEngine.Ads.Campaigns;
using FeedEngine.Storage.Campaigns;

namespace FeedEngine.Ads.Reports;

/// <summary>Turns a campaign's events and ledger entries into its daily report. Pure: the same inputs give the same report.</summary>
public static class ReportBuilder
{
    /// <summary>
    /// Without <paramref name="from"/> and <paramref name="to"/>, the days run from the campaign's first day to today (or its
    /// last day), widened to every day that has an event or a charge, so the totals equal the whole ledger. With them, exactly
    /// those days and what happened on them. A campaign that has not started and has nothing recorded has no days.
    /// </summary>
    public static CampaignReport Build(
        CampaignDocument campaign, IEnumerable<AdEventDocument> events, IEnumerable<AdLedgerEntryDocument> ledger,
        DateTime now, DateOnly? from = null, DateOnly? to = null)
    {
        var zone = CampaignTime.ZoneOf(campaign.TimeZone);
        var counts = new Dictionary<DateOnly, (long Impressions, long Engagements, long Clicks)>();
        var spend = new Dictionary<DateOnly, decimal>();
        foreach (var e in events)
        {
            var day = CampaignTime.LocalDate(e.OccurredAt, zone);
            var c = counts.GetValueOrDefault(day);
            counts[day] = e.Kind switch
            {
                AdEventKind.Impression => c with { Impressions = c.Impressions + 1 },
                AdEventKind.Engagement => c with { Engagements = c.Engagements + 1 },
                _ => c with { Clicks = c.Clicks + 1 },
            };
        }
        foreach (var entry in ledger)
        {
            var day = CampaignTime.LocalDate(entry.OccurredAt, zone);
            spend[day] = spend.GetValueOrDefault(day) + entry.Amount;
        }

        var (first, last) = from is not null || to is not null
            ? (from ?? to!.Value, to ?? from!.Value)
            : DefaultRange(campaign, zone, now, counts.Keys.Concat(spend.Keys));

        var days = new List<ReportFigures>();
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            var c = counts.GetValueOrDefault(day);
            days.Add(ReportFigures.Of(day, c.Impressions, c.Engagements, c.Clicks, spend.GetValueOrDefault(day)));
        }
        var totals = ReportFigures.Of(null, days.Sum(d => d.Impressions), days.Sum(d => d.Engagements), days.Sum(d => d.Clicks), days.Sum(d => d.Spend));
        return new CampaignReport(campaign.Id, campaign.Name, campaign.Currency, campaign.TimeZone,
            days.Count > 0 ? first : null, days.Count > 0 ? last : null, days, totals);
    }

    static (DateOnly First, DateOnly Last) DefaultRange(CampaignDocument campaign, TimeZoneInfo zone, DateTime now, IEnumerable<DateOnly> recorded)
    {
        var first = CampaignTime.LocalDate(campaign.StartsAt, zone);
        // The last day is the one holding the campaign's last moment (an end at local midnight belongs to the day before).
        var lastScheduled = CampaignTime.LocalDate(campaign.EndsAt.AddTicks(-1), zone);
        var today = CampaignTime.LocalDate(now, zone);
        var last = today < lastScheduled ? today : lastScheduled;
        foreach (var day in recorded)
        {
            if (day < first) first = day;
            if (day > last) last = day;
        }
        return (first, last);
    }
}
