using FeedEngine.Ads.Events;

namespace FeedEngine.Ads.Tests.Serving;

public sealed class PacingDayTests
{
    /// <summary>
    /// A simulated day: the ranking job every minute (on the test's clock), 6 opportunities a minute, each shown at once.
    /// Unpaced, the paced campaign would spend its daily budget by 6 a.m.; paced, it spends it evenly, ends within 10 %
    /// of it and never over, and the ledger and the report agree with the billed counter.
    /// </summary>
    [Fact]
    public async Task SimulatedDay_spendsWithinTenPercentOfTheDailyBudgetAndNeverOver()
    {
        using var host = new ServingHost(new() { ["Ads:Serving:Segments:0"] = "general" });
        var paced = await host.AddCampaignAsync("paced", bid: 10, daily: 10m, total: 1000m);
        var filler = await host.AddCampaignAsync("filler", bid: 5, daily: 10_000m, total: 100_000m);
        var spentAt = new Dictionary<int, decimal>();

        for (var minute = 0; minute < 24 * 60; minute++)
        {
            await host.RankAsync();
            for (var i = 0; i < 6; i++)
            {
                var viewer = $"v{(minute * 6 + i) % 5000}";
                if (await host.SelectAsync(viewer) is { } picked)
                    await host.Events.RecordAsync(picked.Placement.Id, AdEventKind.Impression, viewer);
            }
            if (minute % 360 == 359) spentAt[minute / 60 + 1] = (await host.Budgets.FindAsync(paced.Id))?.DaySpent ?? 0;
            host.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        var spent = (await host.Budgets.FindAsync(paced.Id))!.Spent;
        Assert.InRange(spent, 9m, 10m);
        // Even through the day: a quarter of the budget every six hours, give or take.
        Assert.InRange(spentAt[6], 2m, 3.25m);
        Assert.InRange(spentAt[12], 4.5m, 5.75m);
        Assert.InRange(spentAt[18], 7m, 8.25m);
        Assert.Equal(spent, await host.LedgerSumAsync(paced.Id));
        var report = await host.Reports.GetAsync(new AdsCaller(paced.AdvertiserId, false), paced.Id);
        Assert.Equal(spent, report.Value!.Totals.Spend);
        Assert.True((await host.Budgets.FindAsync(filler.Id))!.Spent > 0);
    }
}
