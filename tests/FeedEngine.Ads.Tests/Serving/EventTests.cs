using FeedEngine.Ads.Events;

namespace FeedEngine.Ads.Tests.Serving;

public sealed class EventTests
{
    [Fact]
    public async Task RecordAsync_impressionChargedOnceAtTheSecondPriceAndDuplicatesDropped()
    {
        using var host = new ServingHost();
        var campaign = await host.AddCampaignAsync("c", bid: 10);
        await host.AddCampaignAsync("d", bid: 6);
        await host.RankAsync();
        var picked = (await host.SelectAsync("v"))!;

        Assert.Equal(AdEventOutcome.Recorded, await host.Events.RecordAsync(picked.Placement.Id, AdEventKind.Impression, "v"));
        Assert.Equal(AdEventOutcome.Duplicate, await host.Events.RecordAsync(picked.Placement.Id, AdEventKind.Impression, "v"));
        Assert.Equal(AdEventOutcome.UnknownPlacement, await host.Events.RecordAsync(picked.Placement.Id, AdEventKind.Impression, "someone else"));
        Assert.Equal(AdEventOutcome.UnknownPlacement, await host.Events.RecordAsync("nope", AdEventKind.Impression, "v"));

        var ledger = await host.Ledger.ListByCampaignAsync(campaign.Id);
        Assert.Equal(0.006m, Assert.Single(ledger).Amount);
        Assert.Equal($"{picked.Placement.Id}:impression", ledger[0].Id);
        var budget = (await host.Budgets.FindAsync(campaign.Id))!;
        Assert.Equal(0.006m, budget.Spent);
        Assert.Equal(1, budget.Impressions);
    }

    [Fact]
    public async Task ClickAsync_redirectsToTheCampaignsPageAndDropsASecondClickInTheWindow()
    {
        using var host = new ServingHost();
        var campaign = await host.AddCampaignAsync("c", bid: 10);
        await host.RankAsync();
        var first = (await host.SelectAsync("v"))!;
        var second = (await host.SelectAsync("v"))!;

        var (outcome, landing) = await host.Events.ClickAsync(first.Placement.Id);
        Assert.Equal(AdEventOutcome.Recorded, outcome);
        Assert.Equal("https://example.com/c/chat", landing!.AbsoluteUri);
        Assert.Equal(AdEventOutcome.Duplicate, (await host.Events.ClickAsync(first.Placement.Id)).Outcome);
        host.Clock.Advance(TimeSpan.FromSeconds(10));
        var tooSoon = await host.Events.ClickAsync(second.Placement.Id);
        Assert.Equal(AdEventOutcome.ClickTooSoon, tooSoon.Outcome);
        Assert.NotNull(tooSoon.Landing);
        host.Clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(AdEventOutcome.Recorded, (await host.Events.ClickAsync(second.Placement.Id)).Outcome);

        Assert.Equal(2, (await host.Get<IAdEventRepository>().ListByCampaignAsync(campaign.Id)).Count(e => e.Kind == AdEventKind.Click));
        // Clicks of a CPM campaign cost nothing.
        Assert.Empty(await host.Ledger.ListByCampaignAsync(campaign.Id));
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("/relative/path")]
    [InlineData("ftp://example.com/file")]
    [InlineData("data:text/html,hi")]
    public async Task ClickAsync_landingNotAnAbsoluteHttpUrl_noRedirectNothingRecorded(string url)
    {
        using var host = new ServingHost();
        var campaign = await host.AddCampaignAsync("c", bid: 10, change: c =>
        {
            c.Creative.LandingUrl = url;
            c.Creative.SponsoredInteraction!.LandingUrl = url;
        });
        await host.RankAsync();
        var picked = (await host.SelectAsync("v"))!;

        var (outcome, landing) = await host.Events.ClickAsync(picked.Placement.Id);

        Assert.Equal(AdEventOutcome.UnknownPlacement, outcome);
        Assert.Null(landing);
        Assert.Empty(await host.Get<IAdEventRepository>().ListByCampaignAsync(campaign.Id));
        Assert.Equal(AdEventOutcome.UnknownPlacement, (await host.Events.ClickAsync(new string('x', 500))).Outcome);
    }

    [Fact]
    public async Task RecordAsync_cpeChargesTheEngagementNotTheImpressionAndStopsAtTheBudget()
    {
        using var host = new ServingHost();
        var campaign = await host.AddCampaignAsync("c", bid: 0.40m, type: BidType.Cpe, total: 1m, daily: 1m);
        await host.RankAsync();

        for (var i = 0; i < 5; i++)
        {
            var picked = (await host.SelectAsync($"v{i}"))!;
            await host.Events.RecordAsync(picked.Placement.Id, AdEventKind.Impression, $"v{i}");
            await host.Events.RecordAsync(picked.Placement.Id, AdEventKind.Engagement, $"v{i}");
        }

        // Alone on its slate it pays the reserve (0.05) per engagement; the budget is never exceeded.
        var budget = (await host.Budgets.FindAsync(campaign.Id))!;
        Assert.Equal(0.25m, budget.Spent);
        Assert.Equal(5, (await host.Ledger.ListByCampaignAsync(campaign.Id)).Count);
        Assert.All(await host.Ledger.ListByCampaignAsync(campaign.Id), e => Assert.EndsWith(":engagement", e.Id));
    }

    [Fact]
    public async Task ChargeAsync_neverPastTheBudgetEvenWhenChargesRace()
    {
        using var host = new ServingHost();
        var campaign = await host.AddCampaignAsync("c", bid: 10, total: 1m, daily: 1m);
        var charger = host.Get<BudgetCharger>();
        var now = host.Clock.GetUtcNow().UtcDateTime;

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() => charger.ChargeAsync(campaign, $"e{i}", 0.03m, default, now))));

        Assert.Equal(33, outcomes.Count(o => o == ChargeOutcome.Charged));
        Assert.Equal(0.99m, (await host.Budgets.FindAsync(campaign.Id))!.Spent);
        Assert.Equal(0.99m, await host.LedgerSumAsync(campaign.Id));
    }
}
