using FeedEngine.Ads.Events;
using FeedEngine.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FeedEngine.Ads.Tests.Serving;

public sealed class RankingJobTests
{
    [Fact]
    public async Task RunAsync_ranksBySegmentRelevanceAndPricesAgainstTheNext()
    {
        using var host = new ServingHost();
        var cooking = await host.AddCampaignAsync("pans", bid: 4, interests: ["food and cooking recipes"]);
        var gaming = await host.AddCampaignAsync("consoles", bid: 4, interests: ["gaming consoles"]);
        var broad = await host.AddCampaignAsync("soda", bid: 5);

        var run = await host.RankAsync();

        Assert.True(run.Switched);
        Assert.Equal(3, run.Eligible);
        var food = (await host.Slates.FindAsync(run.RunId, "food-and-cooking"))!;
        Assert.Equal([cooking.Id, broad.Id], food.Entries.Select(e => e.CampaignId));
        Assert.DoesNotContain(food.Entries, e => e.CampaignId == gaming.Id);
        var games = (await host.Slates.FindAsync(run.RunId, "gaming"))!;
        Assert.Equal(gaming.Id, games.Entries[0].CampaignId);
        // The winner pays the runner-up's score over its own score per bid unit; the last pays the reserve.
        var first = food.Entries[0];
        var perUnit = first.Score / 4;
        Assert.Equal(Math.Ceiling(food.Entries[1].Score / perUnit * 1e6) / 1e6, (double)first.Price, 6);
        Assert.True(first.Price <= 4);
        Assert.Equal(0.5m, food.Entries[1].Price);
    }

    [Fact]
    public async Task RunAsync_leavesOutCampaignsThatCannotServe()
    {
        using var host = new ServingHost();
        var live = await host.AddCampaignAsync("live", bid: 3);
        await host.AddCampaignAsync("paused", bid: 9, change: c => c.Paused = true);
        await host.AddCampaignAsync("pending", bid: 9, change: c => c.Review = ReviewStatus.PendingReview);
        var spent = await host.AddCampaignAsync("spent", bid: 9, total: 1);
        await host.Get<BudgetCharger>().ChargeAsync(spent, "x:impression", 1m, default, host.Clock.GetUtcNow().UtcDateTime);

        var run = await host.RankAsync();

        var slate = (await host.Slates.FindAsync(run.RunId, "general"))!;
        Assert.Equal([live.Id], slate.Entries.Select(e => e.CampaignId));
    }

    [Fact]
    public async Task RunAsync_killedMidRunThenRunTwice_servesOneCompleteSetAndTheLedgerReconciles()
    {
        var faults = new SlateFaults();
        var ledgerFaults = new LedgerFaults();
        using var host = new ServingHost(configure: services =>
        {
            Wrap<IAdSlateRepository>(services, inner => new FailingSlates(inner, faults));
            Wrap<IAdLedgerRepository>(services, inner => new FailingLedger(inner, ledgerFaults));
        });
        for (var i = 0; i < 5; i++) await host.AddCampaignAsync($"c{i}", bid: 1 + i);
        var first = await host.RankAsync();
        var campaign = (await host.Campaigns.ListLiveAsync(host.Clock.GetUtcNow().UtcDateTime))[0];

        // A charge whose ledger write dies with its process: the budget holds it as pending.
        ledgerFaults.FailNextAppend = true;
        await Assert.ThrowsAsync<IOException>(() => host.Get<BudgetCharger>().ChargeAsync(campaign, "p1:impression", 0.004m, new AdCounts(1, 0, 0), host.Clock.GetUtcNow().UtcDateTime));
        Assert.NotNull((await host.Budgets.FindAsync(campaign.Id))!.Pending);

        // The next run dies after writing some of its slates: the first run's set is still the one served, whole.
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        faults.FailAfterWrites = 0;
        await Assert.ThrowsAsync<IOException>(() => host.Job.RunAsync());
        Assert.Equal(first.RunId, (await host.Slates.FindCurrentAsync())!.RunId);
        Assert.Equal(first.Segments, (await host.Slates.ListRunAsync(first.RunId)).Count);

        // Run again, twice at once: one switches, the set it points at is complete, and stale runs are gone.
        faults.FailAfterWrites = null;
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        var runs = await Task.WhenAll(Task.Run(() => host.Job.RunAsync()), Task.Run(() => host.Job.RunAsync()));
        var current = (await host.Slates.FindCurrentAsync())!;
        Assert.Contains(runs, r => r.Switched && r.RunId == current.RunId);
        var served = await host.Slates.ListRunAsync(current.RunId);
        Assert.Equal(current.Segments, served.Count);
        Assert.All(served, s => Assert.Equal(5, s.Entries.Count));
        foreach (var loser in runs.Where(r => r.RunId != current.RunId && r.RunId != current.PreviousRunId))
            Assert.Empty(await host.Slates.ListRunAsync(loser.RunId));

        // The pending charge was finished by a run: the ledger sums to the billed counter.
        var budget = (await host.Budgets.FindAsync(campaign.Id))!;
        Assert.Null(budget.Pending);
        Assert.Equal(0.004m, budget.Spent);
        Assert.Equal(budget.Spent, await host.LedgerSumAsync(campaign.Id));
    }

    static void Wrap<T>(IServiceCollection services, Func<T, T> wrap) where T : class
    {
        var original = services.Last(d => d.ServiceType == typeof(T));
        services.Replace(ServiceDescriptor.Singleton<T>(sp => wrap((T)original.ImplementationFactory!(sp))));
    }

    sealed class SlateFaults
    {
        public int? FailAfterWrites { get; set; }
    }

    sealed class FailingSlates(IAdSlateRepository inner, SlateFaults faults) : IAdSlateRepository
    {
        int writes;

        public async Task WriteAsync(IReadOnlyList<AdSlateDocument> slates, CancellationToken cancellationToken = default)
        {
            if (faults.FailAfterWrites is { } limit && Interlocked.Increment(ref writes) > limit)
            {
                // Half the batch lands, then the process dies.
                await inner.WriteAsync([.. slates.Take(slates.Count / 2)], cancellationToken);
                throw new IOException("killed mid-run");
            }
            await inner.WriteAsync(slates, cancellationToken);
        }

        public Task<AdSlateDocument?> FindAsync(string runId, string segmentId, CancellationToken cancellationToken = default) => inner.FindAsync(runId, segmentId, cancellationToken);
        public Task<IReadOnlyList<AdSlateDocument>> ListRunAsync(string runId, CancellationToken cancellationToken = default) => inner.ListRunAsync(runId, cancellationToken);
        public Task<AdSlateSetDocument?> FindCurrentAsync(CancellationToken cancellationToken = default) => inner.FindCurrentAsync(cancellationToken);
        public Task<WriteOutcome> SaveCurrentAsync(AdSlateSetDocument set, CancellationToken cancellationToken = default) => inner.SaveCurrentAsync(set, cancellationToken);
        public Task<long> DeleteRunsExceptAsync(IReadOnlyCollection<string> keepRunIds, CancellationToken cancellationToken = default) => inner.DeleteRunsExceptAsync(keepRunIds, cancellationToken);
    }

    sealed class LedgerFaults
    {
        public bool FailNextAppend { get; set; }
    }

    sealed class FailingLedger(IAdLedgerRepository inner, LedgerFaults faults) : IAdLedgerRepository
    {
        public Task<WriteOutcome> AppendAsync(AdLedgerEntryDocument entry, CancellationToken cancellationToken = default)
        {
            if (faults.FailNextAppend)
            {
                faults.FailNextAppend = false;
                throw new IOException("killed before the ledger write");
            }
            return inner.AppendAsync(entry, cancellationToken);
        }

        public Task<AdLedgerEntryDocument?> FindAsync(string entryId, CancellationToken cancellationToken = default) => inner.FindAsync(entryId, cancellationToken);
        public Task<IReadOnlyList<AdLedgerEntryDocument>> ListByCampaignAsync(string campaignId, DateTime? from = null, DateTime? to = null, CancellationToken cancellationToken = default) =>
            inner.ListByCampaignAsync(campaignId, from, to, cancellationToken);
    }
}
