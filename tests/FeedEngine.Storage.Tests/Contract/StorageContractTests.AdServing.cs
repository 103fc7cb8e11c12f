using Microsoft.Extensions.DependencyInjection;

namespace FeedEngine.Storage.Tests.Contract;

public abstract partial class StorageContractTests
{
    IAdPlacementRepository Placements => Store.Services.GetRequiredService<IAdPlacementRepository>();
    IAdBudgetRepository Budgets => Store.Services.GetRequiredService<IAdBudgetRepository>();
    IAdPacingRepository Pacing => Store.Services.GetRequiredService<IAdPacingRepository>();
    IAdSlateRepository Slates => Store.Services.GetRequiredService<IAdSlateRepository>();

    static AdPlacementDocument Placement(string viewerId, DateTime at) => new()
    {
        Id = DocumentIds.New(),
        CampaignId = DocumentIds.New(),
        ViewerId = viewerId,
        Surface = AdSurface.Session,
        SessionId = "s1",
        PostId = "p1",
        SegmentId = "fantasy",
        BidType = BidType.Cpm,
        Price = 2.345678m,
        Currency = "EUR",
        CreatedAt = at,
    };

    [SkippableFact]
    public async Task Placements_insertTwice_duplicateKeepsFirstAndListsByViewerSince()
    {
        var viewer = DocumentIds.New();
        var old = Placement(viewer, Samples.At(-100));
        var recent = Placement(viewer, Samples.At(10));
        Assert.Equal(WriteOutcome.Ok, await Placements.InsertAsync(old));
        Assert.Equal(WriteOutcome.Ok, await Placements.InsertAsync(recent));
        Assert.Equal(WriteOutcome.Ok, await Placements.InsertAsync(Placement(DocumentIds.New(), Samples.At(10))));
        var impostor = Placement(viewer, Samples.At(20));
        impostor.Id = recent.Id;

        Assert.Equal(WriteOutcome.Duplicate, await Placements.InsertAsync(impostor));

        AssertSameDocument(recent, await Placements.FindAsync(recent.Id));
        var listed = await Placements.ListForViewerAsync(viewer, Samples.At(0));
        Assert.Equal([recent.Id], listed.Select(p => p.Id));
    }

    [SkippableFact]
    public async Task Budgets_compareAndSwap_oneOfTwoWritersOfAVersionWinsAndPendingRoundTrips()
    {
        var budget = new AdBudgetDocument { Id = DocumentIds.New(), Day = "2025-07-01", UpdatedAt = Samples.At(0) };
        Assert.Equal(WriteOutcome.Ok, await Budgets.SaveAsync(budget));
        Assert.Equal(WriteOutcome.Duplicate, await Budgets.SaveAsync(new AdBudgetDocument { Id = budget.Id }));

        var first = Copy(budget);
        var second = Copy(budget);
        first.Spent = 0.001m;
        first.Pending = new AdPendingCharge { ChargeId = "c1", EventId = "e1", Amount = 0.001m, Currency = "EUR", OccurredAt = Samples.At(1) };
        second.Spent = 5m;

        Assert.Equal(WriteOutcome.Ok, await Budgets.SaveAsync(first));
        Assert.Equal(WriteOutcome.Conflict, await Budgets.SaveAsync(second));

        var stored = await Budgets.FindAsync(budget.Id);
        AssertSameDocument(first, stored);
        Assert.Equal("0.001", stored!.Pending!.Amount.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal([budget.Id], (await Budgets.FindManyAsync([budget.Id, "missing"])).Select(b => b.Id));
    }

    [SkippableFact]
    public async Task Budgets_racingChargers_neverLoseAnUpdate()
    {
        var id = DocumentIds.New();
        await Budgets.SaveAsync(new AdBudgetDocument { Id = id });

        await RaceAsync(8, async _ =>
        {
            for (var i = 0; i < 5; i++)
            {
                while (true)
                {
                    var current = (await Budgets.FindAsync(id))!;
                    current.Spent += 1;
                    current.Charges++;
                    if (await Budgets.SaveAsync(current) == WriteOutcome.Ok) break;
                }
            }
            return true;
        });

        var stored = (await Budgets.FindAsync(id))!;
        Assert.Equal(40, stored.Spent);
        Assert.Equal(40, stored.Charges);
    }

    [SkippableFact]
    public async Task Pacing_savesVersionedAndFindsMany()
    {
        var pacing = new AdPacingDocument { Id = AdPacingDocument.MakeId(DocumentIds.New(), "2025-07-01"), CampaignId = "c", Day = "2025-07-01", Delivered = 1.25m, Served = 3, UpdatedAt = Samples.At(0) };
        Assert.Equal(WriteOutcome.Ok, await Pacing.SaveAsync(pacing));
        var stale = Copy(pacing);
        pacing.Delivered = 2.5m;
        Assert.Equal(WriteOutcome.Ok, await Pacing.SaveAsync(pacing));
        stale.Delivered = 9m;

        Assert.Equal(WriteOutcome.Conflict, await Pacing.SaveAsync(stale));

        AssertSameDocument(pacing, await Pacing.FindAsync(pacing.Id));
        Assert.Single(await Pacing.FindManyAsync([pacing.Id, "nope"]));
    }

    [SkippableFact]
    public async Task Slates_rewriteIsIdempotentTheSetSwitchesOnceAndOldRunsGo()
    {
        var run1 = DocumentIds.New();
        var run2 = DocumentIds.New();
        AdSlateDocument Slate(string run, string segment, double score) => new()
        {
            Id = AdSlateDocument.MakeId(run, segment),
            RunId = run,
            SegmentId = segment,
            CreatedAt = Samples.At(0),
            Entries = [new AdSlateEntry { CampaignId = "c1", Score = score, Price = 1.2345m, PassRate = 0.75, Relevance = 0.5, PredictedEngagement = 0.02, Quality = 1 }],
        };
        await Slates.WriteAsync([Slate(run1, "a", 1), Slate(run1, "b", 2)]);
        await Slates.WriteAsync([Slate(run2, "a", 3)]);
        await Slates.WriteAsync([Slate(run2, "a", 4), Slate(run2, "b", 5)]);

        Assert.Equal([4.0, 5.0], (await Slates.ListRunAsync(run2)).Select(s => s.Entries[0].Score));
        AssertSameDocument(Slate(run1, "b", 2), await Slates.FindAsync(run1, "b"));

        var current = await Slates.FindCurrentAsync() ?? new AdSlateSetDocument();
        var mine = Copy(current);
        var theirs = Copy(current);
        mine.RunId = run2;
        theirs.RunId = run1;
        Assert.Equal(WriteOutcome.Ok, await Slates.SaveCurrentAsync(mine));
        Assert.NotEqual(WriteOutcome.Ok, await Slates.SaveCurrentAsync(theirs));
        Assert.Equal(run2, (await Slates.FindCurrentAsync())!.RunId);

        Assert.True(await Slates.DeleteRunsExceptAsync([run2]) >= 2);
        Assert.Empty(await Slates.ListRunAsync(run1));
        Assert.Equal(2, (await Slates.ListRunAsync(run2)).Count);
    }

    [SkippableFact]
    public async Task EventsAndLedger_findById()
    {
        var campaignId = DocumentIds.New();
        var e = new AdEventDocument { Id = $"{DocumentIds.New()}:impression", CampaignId = campaignId, Kind = AdEventKind.Impression, PlacementId = "p", ViewerId = "v", OccurredAt = Samples.At(0) };
        var entry = new AdLedgerEntryDocument { Id = e.Id, CampaignId = campaignId, EventId = e.Id, Amount = 0.0025m, Currency = "USD", OccurredAt = Samples.At(0) };
        await AdEvents.RecordAsync(e);
        await AdLedger.AppendAsync(entry);

        AssertSameDocument(e, await AdEvents.FindAsync(e.Id));
        AssertSameDocument(entry, await AdLedger.FindAsync(entry.Id));
        Assert.Null(await AdEvents.FindAsync("missing"));
        Assert.Null(await AdLedger.FindAsync("missing"));
    }
}
