using FeedEngine.Ads.Events;
using FeedEngine.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FeedEngine.Ads.Tests.Serving;

public sealed class ExactlyOnceTests
{
    /// <summary>
    /// 10,000 impressions and 2,000 clicks, each delivered 1 to 5 times in random order, while writes to events, ledger,
    /// budgets and pacing fail at random (before the write, or after it landed); a failed delivery is delivered again
    /// later, as a queue would. Billed counts equal the unique valid events, the ledger sums to the spend, and the
    /// campaign with a small budget stops at it.
    /// </summary>
    [Fact]
    public async Task Deliveries_repeatedShuffledAndFailing_billEachUniqueEventOnce()
    {
        var faults = new Faults(new Random(42), rate: 0.05);
        using var host = new ServingHost(configure: services =>
        {
            Wrap<IAdEventRepository>(services, inner => new FaultyEvents(inner, faults));
            Wrap<IAdLedgerRepository>(services, inner => new FaultyLedger(inner, faults));
            Wrap<IAdBudgetRepository>(services, inner => new FaultyBudgets(inner, faults));
            Wrap<IAdPacingRepository>(services, inner => new FaultyPacing(inner, faults));
        });
        var prices = new[] { 2m, 3.5m, 5m, 8m };
        var campaigns = new List<CampaignDocument>();
        for (var i = 0; i < prices.Length; i++)
            campaigns.Add(await host.AddCampaignAsync($"c{i}", bid: 10, daily: i == 3 ? 10m : 1000m, total: i == 3 ? 10m : 1000m));
        var tight = campaigns[3]; // 2,500 impressions at 8 CPM would cost 20; its budget is 10.

        var random = new Random(1);
        var placements = host.Get<IAdPlacementRepository>();
        var now = host.Clock.GetUtcNow().UtcDateTime;
        var placed = new List<AdPlacementDocument>();
        for (var i = 0; i < 10_000; i++)
        {
            var c = i % prices.Length;
            var placement = new AdPlacementDocument
            {
                Id = DocumentIds.New(), CampaignId = campaigns[c].Id, ViewerId = $"viewer-{i}", Surface = AdSurface.Feed,
                SegmentId = "general", BidType = BidType.Cpm, Price = prices[c], Currency = "USD", CreatedAt = now,
            };
            Assert.Equal(WriteOutcome.Ok, await placements.InsertAsync(placement));
            placed.Add(placement);
        }
        var deliveries = new List<(AdPlacementDocument Placement, AdEventKind Kind)>();
        foreach (var p in placed)
            for (var n = random.Next(1, 6); n > 0; n--) deliveries.Add((p, AdEventKind.Impression));
        foreach (var p in placed.OrderBy(_ => random.Next()).Take(2_000))
            for (var n = random.Next(1, 6); n > 0; n--) deliveries.Add((p, AdEventKind.Click));
        var queue = new Queue<(AdPlacementDocument Placement, AdEventKind Kind)>(deliveries.OrderBy(_ => random.Next()));

        faults.Enabled = true;
        var failures = 0;
        while (queue.TryDequeue(out var delivery))
        {
            try
            {
                var outcome = delivery.Kind == AdEventKind.Click
                    ? (await host.Events.ClickAsync(delivery.Placement.Id)).Outcome
                    : await host.Events.RecordAsync(delivery.Placement.Id, delivery.Kind, delivery.Placement.ViewerId);
                Assert.NotEqual(AdEventOutcome.UnknownPlacement, outcome);
                Assert.NotEqual(AdEventOutcome.ClickTooSoon, outcome);
            }
            catch (IOException)
            {
                failures++;
                queue.Enqueue(delivery);
            }
        }
        faults.Enabled = false;
        // The ranking job finishes any charge a failed delivery left pending.
        await host.Job.RunAsync();

        Assert.True(failures > 1000, $"only {failures} deliveries failed");
        var events = host.Get<IAdEventRepository>();
        var totalImpressions = 0;
        var totalClicks = 0;
        for (var i = 0; i < campaigns.Count; i++)
        {
            var campaign = campaigns[i];
            var recorded = await events.ListByCampaignAsync(campaign.Id);
            var impressions = recorded.Count(e => e.Kind == AdEventKind.Impression);
            totalImpressions += impressions;
            totalClicks += recorded.Count(e => e.Kind == AdEventKind.Click);
            var ledger = await host.Ledger.ListByCampaignAsync(campaign.Id);
            var budget = (await host.Budgets.FindAsync(campaign.Id))!;
            var charge = prices[i] / 1000m;

            Assert.Null(budget.Pending);
            Assert.Equal(budget.Spent, ledger.Sum(e => e.Amount));
            Assert.All(ledger, e => Assert.Equal(charge, e.Amount));
            Assert.Equal(ledger.Count, ledger.Select(e => e.EventId).Distinct().Count());
            Assert.True(budget.Spent <= campaign.TotalBudget);
            if (campaign == tight)
            {
                Assert.Equal((int)(campaign.TotalBudget / charge), ledger.Count);
                Assert.True(budget.Spent > campaign.TotalBudget - charge);
            }
            else Assert.Equal(impressions, ledger.Count);

            var report = (await host.Reports.GetAsync(new AdsCaller(campaign.AdvertiserId, false), campaign.Id)).Value!;
            Assert.Equal(impressions, report.Totals.Impressions);
            Assert.Equal(budget.Spent, report.Totals.Spend);
        }
        Assert.Equal(10_000, totalImpressions);
        Assert.Equal(2_000, totalClicks);
    }

    static void Wrap<T>(IServiceCollection services, Func<T, T> wrap) where T : class
    {
        var original = services.Last(d => d.ServiceType == typeof(T));
        services.Replace(ServiceDescriptor.Singleton<T>(sp => wrap((T)original.ImplementationFactory!(sp))));
    }

    /// <summary>Fails a write before it reaches the store, or after it landed (the caller cannot tell which).</summary>
    sealed class Faults(Random random, double rate)
    {
        public bool Enabled { get; set; }

        public async Task<T> WriteAsync<T>(Func<Task<T>> write)
        {
            if (Enabled && random.NextDouble() < rate) throw new IOException("write failed before reaching the store");
            var result = await write();
            if (Enabled && random.NextDouble() < rate) throw new IOException("write landed but the reply was lost");
            return result;
        }
    }

    sealed class FaultyEvents(IAdEventRepository inner, Faults faults) : IAdEventRepository
    {
        public Task<WriteOutcome> RecordAsync(AdEventDocument adEvent, CancellationToken cancellationToken = default) => faults.WriteAsync(() => inner.RecordAsync(adEvent, cancellationToken));
        public Task<AdEventDocument?> FindAsync(string eventId, CancellationToken cancellationToken = default) => inner.FindAsync(eventId, cancellationToken);
        public Task<IReadOnlyList<AdEventDocument>> ListByCampaignAsync(string campaignId, DateTime? from = null, DateTime? to = null, CancellationToken cancellationToken = default) =>
            inner.ListByCampaignAsync(campaignId, from, to, cancellationToken);
    }

    sealed class FaultyLedger(IAdLedgerRepository inner, Faults faults) : IAdLedgerRepository
    {
        public Task<WriteOutcome> AppendAsync(AdLedgerEntryDocument entry, CancellationToken cancellationToken = default) => faults.WriteAsync(() => inner.AppendAsync(entry, cancellationToken));
        public Task<AdLedgerEntryDocument?> FindAsync(string entryId, CancellationToken cancellationToken = default) => inner.FindAsync(entryId, cancellationToken);
        public Task<IReadOnlyList<AdLedgerEntryDocument>> ListByCampaignAsync(string campaignId, DateTime? from = null, DateTime? to = null, CancellationToken cancellationToken = default) =>
            inner.ListByCampaignAsync(campaignId, from, to, cancellationToken);
    }

    sealed class FaultyBudgets(IAdBudgetRepository inner, Faults faults) : IAdBudgetRepository
    {
        public Task<WriteOutcome> SaveAsync(AdBudgetDocument budget, CancellationToken cancellationToken = default) =>
            faults.WriteAsync(() => inner.SaveAsync(budget, cancellationToken));
        public Task<AdBudgetDocument?> FindAsync(string campaignId, CancellationToken cancellationToken = default) => inner.FindAsync(campaignId, cancellationToken);
        public Task<IReadOnlyList<AdBudgetDocument>> FindManyAsync(IReadOnlyCollection<string> campaignIds, CancellationToken cancellationToken = default) => inner.FindManyAsync(campaignIds, cancellationToken);
    }

    sealed class FaultyPacing(IAdPacingRepository inner, Faults faults) : IAdPacingRepository
    {
        public Task<WriteOutcome> SaveAsync(AdPacingDocument pacing, CancellationToken cancellationToken = default) => faults.WriteAsync(() => inner.SaveAsync(pacing, cancellationToken));
        public Task<AdPacingDocument?> FindAsync(string id, CancellationToken cancellationToken = default) => inner.FindAsync(id, cancellationToken);
        public Task<IReadOnlyList<AdPacingDocument>> FindManyAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default) => inner.FindManyAsync(ids, cancellationToken);
    }
}
