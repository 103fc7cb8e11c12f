using FeedEngine.Ads.Reports;

namespace FeedEngine.Ads.Tests.Reports;

public sealed class ReportBuilderTests
{
    static readonly DateTime Start = new(2030, 1, 10, 0, 0, 0, DateTimeKind.Utc);

    static CampaignDocument Campaign(string zone = "UTC") => new()
    {
        Id = "c1", Name = "Winter", Currency = "EUR", StartsAt = Start, EndsAt = Start.AddDays(5), TimeZone = zone,
    };

    static AdEventDocument Event(AdEventKind kind, DateTime at) => new() { Id = Guid.NewGuid().ToString(), CampaignId = "c1", Kind = kind, OccurredAt = at };

    static AdLedgerEntryDocument Charge(decimal amount, DateTime at) => new() { Id = Guid.NewGuid().ToString(), CampaignId = "c1", Amount = amount, OccurredAt = at };

    [Fact]
    public void Build_beforeTheStartWithNothingRecorded_hasNoDaysAndZeroTotals()
    {
        var report = ReportBuilder.Build(Campaign(), [], [], Start.AddDays(-2));

        Assert.Empty(report.Days);
        Assert.Null(report.From);
        Assert.Equal(new ReportFigures(null, 0, 0, 0, 0m, null, null), report.Totals);
    }

    [Fact]
    public void Build_whileRunning_listsEveryDayFromTheStartToTodayIncludingQuietOnes()
    {
        var report = ReportBuilder.Build(Campaign(), [Event(AdEventKind.Impression, Start.AddDays(2).AddHours(3))], [], Start.AddDays(3).AddHours(1));

        Assert.Equal([new DateOnly(2030, 1, 10), new DateOnly(2030, 1, 11), new DateOnly(2030, 1, 12), new DateOnly(2030, 1, 13)], report.Days.Select(d => d.Date!.Value));
        Assert.Equal([0L, 0, 1, 0], report.Days.Select(d => d.Impressions));
    }

    [Fact]
    public void Build_activityOutsideTheSchedule_widensTheDaysSoTotalsEqualTheLedger()
    {
        var late = Start.AddDays(7);
        var report = ReportBuilder.Build(Campaign(), [Event(AdEventKind.Click, late)], [Charge(0.30m, late), Charge(0.20m, Start.AddDays(-1))], Start.AddDays(30));

        Assert.Equal(new DateOnly(2030, 1, 9), report.From);
        Assert.Equal(new DateOnly(2030, 1, 17), report.To);
        Assert.Equal(0.50m, report.Totals.Spend);
        Assert.Equal(1, report.Totals.Clicks);
    }

    [Fact]
    public void Build_endAtLocalMidnight_endsOnThePreviousDay()
    {
        var report = ReportBuilder.Build(Campaign(), [], [], Start.AddDays(30));

        Assert.Equal(new DateOnly(2030, 1, 14), report.To);
        Assert.Equal(5, report.Days.Count);
    }

    [Fact]
    public void Build_explicitRange_coversExactlyThoseDaysAndLeavesTheRestOut()
    {
        var events = new[] { Event(AdEventKind.Impression, Start), Event(AdEventKind.Impression, Start.AddDays(1)), Event(AdEventKind.Engagement, Start.AddDays(1)) };

        var report = ReportBuilder.Build(Campaign(), events, [Charge(1m, Start), Charge(2m, Start.AddDays(1))], Start.AddDays(30), new DateOnly(2030, 1, 11), new DateOnly(2030, 1, 11));

        var day = Assert.Single(report.Days);
        Assert.Equal(new ReportFigures(new DateOnly(2030, 1, 11), 1, 1, 0, 2m, 1m, 2m), day);
        Assert.Equal(day with { Date = null }, report.Totals);
    }

    [Fact]
    public void Build_ratios_roundHalfAwayFromZeroToFourPlaces()
    {
        // 1 engagement in 3 impressions = 0.33333… -> 0.3333; 0.00005 per engagement -> 0.0001 (not banker's 0.0000).
        var events = new[] { Event(AdEventKind.Impression, Start), Event(AdEventKind.Impression, Start), Event(AdEventKind.Impression, Start), Event(AdEventKind.Engagement, Start) };

        var report = ReportBuilder.Build(Campaign(), events, [Charge(0.00005m, Start)], Start.AddHours(1));

        Assert.Equal(0.3333m, report.Totals.EngagementRate);
        Assert.Equal(0.0001m, report.Totals.CostPerEngagement);
        Assert.Equal(0.00005m, report.Totals.Spend);
    }

    [Fact]
    public void Csv_writesTheReportsOwnDigits()
    {
        var events = new[] { Event(AdEventKind.Impression, Start), Event(AdEventKind.Engagement, Start) };
        var report = ReportBuilder.Build(Campaign(), events, [Charge(0.10m, Start)], Start.AddHours(1));

        Assert.Equal(
            "date,impressions,engagements,clicks,engagement_rate,spend,cost_per_engagement,currency\r\n" +
            "2030-01-10,1,1,0,1,0.10,0.10,EUR\r\n" +
            "total,1,1,0,1,0.10,0.10,EUR\r\n",
            ReportCsv.Write(report));
    }
}
