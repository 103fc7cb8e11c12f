using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FeedEngine.Storage;
using FeedEngine.Storage.Campaigns;
using Microsoft.Extensions.DependencyInjection;

namespace FeedEngine.Web.Tests.Ads;

/// <summary>
/// Reports on a fixed set of events and ledger entries of a campaign that ran 8-10 March 2025 in New York, across the
/// switch to daylight saving time (9 March, 02:00). The expected figures are worked out by hand in the comments.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class ReportApiTests(FeedEngineApp app)
{
    static DateTime Utc(string iso) => DateTime.Parse(iso, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

    async Task<(HttpClient Client, string CampaignId)> CampaignThatRanInMarchAsync()
    {
        var (client, account, _, _) = await app.SignUpAsync("advertiser");
        var campaign = new CampaignDocument
        {
            Id = DocumentIds.New(),
            AdvertiserId = account.UserId,
            Name = "March in New York",
            Currency = "USD",
            TotalBudget = 100m,
            DailyBudget = 10m,
            Bid = 0.75m,
            BidType = BidType.Cpe,
            StartsAt = Utc("2025-03-08T05:00:00Z"), // 8 March 00:00 EST
            EndsAt = Utc("2025-03-11T04:00:00Z"),   // 11 March 00:00 EDT: the last day is 10 March
            TimeZone = "America/New_York",
            Creative = new CampaignCreative { Headline = "Spring in the city", LandingUrl = "https://city.example/" },
            Review = ReviewStatus.Approved,
            SubmittedAt = Utc("2025-03-01T00:00:00Z"),
            CreativeRevision = 1,
            CreatedAt = Utc("2025-03-01T00:00:00Z"),
            UpdatedAt = Utc("2025-03-01T00:00:00Z"),
        };
        Assert.Equal(WriteOutcome.Ok, await app.Campaigns().InsertAsync(campaign));

        var events = app.Services.GetRequiredService<IAdEventRepository>();
        var ledger = app.Services.GetRequiredService<IAdLedgerRepository>();
        var n = 0;
        async Task<AdEventDocument> Event(AdEventKind kind, string at, string? campaignId = null)
        {
            var e = new AdEventDocument
            {
                Id = $"{campaign.Id}-p{++n}:{kind}",
                CampaignId = campaignId ?? campaign.Id,
                Kind = kind,
                PlacementId = $"{campaign.Id}-p{n}",
                ViewerId = "viewer-" + n,
                OccurredAt = Utc(at),
            };
            Assert.Equal(WriteOutcome.Ok, await events.RecordAsync(e));
            return e;
        }
        async Task Charge(decimal amount, string at, string? eventId = null) =>
            Assert.Equal(WriteOutcome.Ok, await ledger.AppendAsync(new AdLedgerEntryDocument
            {
                Id = eventId ?? DocumentIds.New(), CampaignId = campaign.Id, EventId = eventId, Amount = amount, Currency = "USD", OccurredAt = Utc(at),
            }));

        // 8 March (EST, UTC-5): 4 impressions, 1 engagement, 1 click; spend 0.75 + 0.10 = 0.85.
        await Event(AdEventKind.Impression, "2025-03-08T05:00:00Z");           // 00:00 local, the first moment of the day
        await Event(AdEventKind.Impression, "2025-03-08T15:00:00Z");
        await Event(AdEventKind.Impression, "2025-03-08T20:00:00Z");
        await Event(AdEventKind.Impression, "2025-03-09T04:59:59Z");           // 23:59:59 local: still 8 March, though 9 March in UTC
        var engaged = await Event(AdEventKind.Engagement, "2025-03-08T15:01:00Z");
        await Event(AdEventKind.Click, "2025-03-08T15:02:00Z");
        await Charge(0.75m, "2025-03-08T15:01:00Z", engaged.Id);
        await Charge(0.10m, "2025-03-09T04:30:00Z");                          // 23:30 local, 8 March
        // 9 March (23 hours long; EDT from 03:00): 5 impressions, 2 engagements, 0 clicks; spend 0.75 + 0.75 + 0.01 = 1.51.
        await Event(AdEventKind.Impression, "2025-03-09T05:00:00Z");           // 00:00 EST
        await Event(AdEventKind.Impression, "2025-03-09T06:59:00Z");           // 01:59 EST
        await Event(AdEventKind.Impression, "2025-03-09T07:00:00Z");           // 03:00 EDT
        await Event(AdEventKind.Impression, "2025-03-09T16:00:00Z");
        await Event(AdEventKind.Impression, "2025-03-10T03:59:59Z");           // 23:59:59 EDT, 9 March
        await Charge(0.75m, "2025-03-09T16:05:00Z", (await Event(AdEventKind.Engagement, "2025-03-09T16:05:00Z")).Id);
        await Charge(0.75m, "2025-03-10T03:00:00Z", (await Event(AdEventKind.Engagement, "2025-03-10T03:00:00Z")).Id);
        await Charge(0.01m, "2025-03-09T12:00:00Z");
        // 10 March (EDT, UTC-4): 1 impression at 00:00, nothing else.
        await Event(AdEventKind.Impression, "2025-03-10T04:00:00Z");
        // Noise that must not count: another campaign's event, and a second delivery of an event already recorded.
        await Event(AdEventKind.Impression, "2025-03-09T16:00:00Z", campaignId: DocumentIds.New());
        Assert.Equal(WriteOutcome.Duplicate, await events.RecordAsync(new AdEventDocument
        {
            Id = engaged.Id, CampaignId = campaign.Id, Kind = AdEventKind.Engagement, PlacementId = engaged.PlacementId, ViewerId = "again", OccurredAt = Utc("2025-03-09T16:00:00Z"),
        }));
        Assert.Equal(WriteOutcome.Duplicate, await ledger.AppendAsync(new AdLedgerEntryDocument
        {
            Id = engaged.Id, CampaignId = campaign.Id, EventId = engaged.Id, Amount = 0.75m, Currency = "USD", OccurredAt = Utc("2025-03-09T16:00:00Z"),
        }));
        return (client, campaign.Id);
    }

    /// <summary>(date, impressions, engagements, clicks, engagement rate, spend, cost per engagement), worked out by hand.</summary>
    static readonly (string Date, long Impressions, long Engagements, long Clicks, decimal? Rate, decimal Spend, decimal? Cpe)[] Expected =
    [
        ("2025-03-08", 4, 1, 1, 0.25m, 0.85m, 0.85m),   // 1/4; 0.85/1
        ("2025-03-09", 5, 2, 0, 0.4m, 1.51m, 0.755m),   // 2/5; 1.51/2
        ("2025-03-10", 1, 0, 0, 0m, 0m, null),          // 0/1; nothing to divide by
    ];

    /// <summary>10 impressions, 3 engagements, 1 click; 3/10 = 0.3; 2.36 spent; 2.36/3 = 0.78666… = 0.7867.</summary>
    static readonly (long Impressions, long Engagements, long Clicks, decimal? Rate, decimal Spend, decimal? Cpe) ExpectedTotals = (10, 3, 1, 0.3m, 2.36m, 0.7867m);

    [Fact]
    public async Task Report_fixedEventsAndLedger_equalsTheHandComputedFiguresByLocalDay()
    {
        var (client, campaignId) = await CampaignThatRanInMarchAsync();

        var response = await client.GetAsync($"/api/campaigns/{campaignId}/report");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("USD", report.GetProperty("currency").GetString());
        Assert.Equal("America/New_York", report.GetProperty("timeZone").GetString());
        Assert.Equal("2025-03-08", report.GetProperty("from").GetString());
        Assert.Equal("2025-03-10", report.GetProperty("to").GetString());
        var days = report.GetProperty("days").EnumerateArray().ToList();
        Assert.Equal(Expected.Length, days.Count);
        for (var i = 0; i < Expected.Length; i++)
        {
            var (date, impressions, engagements, clicks, rate, spend, cpe) = Expected[i];
            Assert.Equal(date, days[i].GetProperty("date").GetString());
            AssertFigures(days[i], impressions, engagements, clicks, rate, spend, cpe);
        }
        var t = ExpectedTotals;
        AssertFigures(report.GetProperty("totals"), t.Impressions, t.Engagements, t.Clicks, t.Rate, t.Spend, t.Cpe);
        Assert.False(report.GetProperty("totals").TryGetProperty("date", out _));
    }

    [Fact]
    public async Task ReportCsv_opensWithTheSameNumbers()
    {
        var (client, campaignId) = await CampaignThatRanInMarchAsync();

        var response = await client.GetAsync($"/api/campaigns/{campaignId}/report.csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"campaign-{campaignId}-report.csv", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("date,impressions,engagements,clicks,engagement_rate,spend,cost_per_engagement,currency", lines[0]);
        Assert.Equal(
        [
            "2025-03-08,4,1,1,0.25,0.85,0.85,USD",
            "2025-03-09,5,2,0,0.4,1.51,0.755,USD",
            "2025-03-10,1,0,0,0,0,,USD",
            "total,10,3,1,0.3,2.36,0.7867,USD",
        ], lines[1..]);

        // Read back as a spreadsheet would: every cell equals the hand-computed figure.
        var rows = lines[1..].Select(l => l.Split(',')).ToList();
        for (var i = 0; i < Expected.Length; i++)
        {
            var e = Expected[i];
            Assert.Equal((e.Date, e.Impressions, e.Engagements, e.Clicks, e.Rate, e.Spend, e.Cpe), (rows[i][0], long.Parse(rows[i][1]), long.Parse(rows[i][2]), long.Parse(rows[i][3]), Number(rows[i][4]), decimal.Parse(rows[i][5], CultureInfo.InvariantCulture), Number(rows[i][6])));
        }
        Assert.Equal(ExpectedTotals, (long.Parse(rows[3][1]), long.Parse(rows[3][2]), long.Parse(rows[3][3]), Number(rows[3][4]), decimal.Parse(rows[3][5], CultureInfo.InvariantCulture), Number(rows[3][6])));
    }

    [Fact]
    public async Task Report_forARange_coversExactlyThoseDays()
    {
        var (client, campaignId) = await CampaignThatRanInMarchAsync();

        var report = await client.GetFromJsonAsync<JsonElement>($"/api/campaigns/{campaignId}/report?from=2025-03-09&to=2025-03-09");

        var day = Assert.Single(report.GetProperty("days").EnumerateArray());
        AssertFigures(day, 5, 2, 0, 0.4m, 1.51m, 0.755m);
        AssertFigures(report.GetProperty("totals"), 5, 2, 0, 0.4m, 1.51m, 0.755m);
    }

    [Theory]
    [InlineData("from=2025-03-10&to=2025-03-08", "before the first day")]
    [InlineData("from=2024-01-01&to=2025-03-08", "at most 366 days")]
    public async Task Report_badRange_400WithAMessage(string query, string message)
    {
        var (client, campaignId) = await CampaignThatRanInMarchAsync();

        var response = await client.GetAsync($"/api/campaigns/{campaignId}/report?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, (await Problem.ReadAsync(response)).Detail);
    }

    [Fact]
    public async Task Report_malformedDate_400()
    {
        var (client, campaignId) = await CampaignThatRanInMarchAsync();

        var response = await client.GetAsync($"/api/campaigns/{campaignId}/report?from=yesterday");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Report_campaignThatHasNotStarted_readsEmpty()
    {
        var (client, _, _, _) = await app.SignUpAsync("advertiser");
        var body = CampaignApi.ValidBody();
        body["startsAt"] = DateTimeOffset.UtcNow.AddDays(3).ToString("yyyy-MM-ddTHH:mm:ssZ");
        var campaign = await CampaignApi.CreateAsync(client, body);

        var report = await client.GetFromJsonAsync<JsonElement>($"/api/campaigns/{campaign.Id()}/report");
        var csv = await client.GetStringAsync($"/api/campaigns/{campaign.Id()}/report.csv");

        Assert.Empty(report.GetProperty("days").EnumerateArray());
        AssertFigures(report.GetProperty("totals"), 0, 0, 0, null, 0m, null);
        Assert.Equal("date,impressions,engagements,clicks,engagement_rate,spend,cost_per_engagement,currency\r\ntotal,0,0,0,,0,,USD\r\n", csv);
    }

    [Fact]
    public async Task Campaign_spendAndBudget_comeFromTheLedger()
    {
        var (client, campaignId) = await CampaignThatRanInMarchAsync();

        var campaign = await CampaignApi.GetAsync(client, campaignId);

        Assert.Equal(2.36m, campaign.GetProperty("spent").GetDecimal());
        Assert.Equal(97.64m, campaign.GetProperty("remaining").GetDecimal());
        Assert.Equal("ended", campaign.GetProperty("delivery").GetString());
    }

    static decimal? Number(string cell) => cell.Length == 0 ? null : decimal.Parse(cell, CultureInfo.InvariantCulture);

    static void AssertFigures(JsonElement figures, long impressions, long engagements, long clicks, decimal? rate, decimal spend, decimal? cpe)
    {
        Assert.Equal(impressions, figures.GetProperty("impressions").GetInt64());
        Assert.Equal(engagements, figures.GetProperty("engagements").GetInt64());
        Assert.Equal(clicks, figures.GetProperty("clicks").GetInt64());
        Assert.Equal(rate, Decimal(figures.GetProperty("engagementRate")));
        Assert.Equal(spend, figures.GetProperty("spend").GetDecimal());
        Assert.Equal(cpe, Decimal(figures.GetProperty("costPerEngagement")));
    }

    static decimal? Decimal(JsonElement value) => value.ValueKind == JsonValueKind.Null ? null : value.GetDecimal();
}
