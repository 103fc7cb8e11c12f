namespace FeedEngine.Storage.Tests.Contract;

public abstract partial class StorageContractTests
{
    [SkippableFact]
    public async Task InsertAsync_campaign_roundTripsEveryFieldAndKeepsMoneyExact()
    {
        var campaign = Samples.Campaign();

        Assert.Equal(WriteOutcome.Ok, await Campaigns.InsertAsync(campaign));

        Assert.Equal(1, campaign.Version);
        var stored = await Campaigns.FindAsync(campaign.Id);
        AssertSameDocument(campaign, stored);
        Assert.Equal(1234567.89m, stored!.TotalBudget);
        // The scale survives: 0.10 reads back as 0.10, not 0.1 or 0.1000000000000000055511151231257827.
        Assert.Equal("0.10", stored.DailyBudget.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("0.0001", stored.Bid.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [SkippableFact]
    public async Task InsertAsync_campaignIdTaken_returnsDuplicateAndKeepsTheFirst()
    {
        var first = Samples.Campaign();
        await Campaigns.InsertAsync(first);
        var second = Samples.Campaign();
        second.Id = first.Id;
        second.Name = "Impostor";

        Assert.Equal(WriteOutcome.Duplicate, await Campaigns.InsertAsync(second));

        AssertSameDocument(first, await Campaigns.FindAsync(first.Id));
    }

    [SkippableFact]
    public async Task InsertAsync_campaignWithoutOptionalParts_readsBackWithNulls()
    {
        var campaign = Samples.Campaign();
        campaign.Creative.ImageId = null;
        campaign.Creative.SponsoredInteraction = null;
        campaign.ReviewReason = null;
        campaign.ReviewedBy = null;
        campaign.ReviewedAt = null;
        campaign.Targeting = new CampaignTargeting();
        campaign.Exclusions = new CampaignExclusions();

        await Campaigns.InsertAsync(campaign);

        AssertSameDocument(campaign, await Campaigns.FindAsync(campaign.Id));
    }

    [SkippableFact]
    public async Task ListByAdvertiserAsync_returnsOnlyTheirsNewestFirst()
    {
        var advertiserId = DocumentIds.New();
        var older = Samples.Campaign(advertiserId);
        older.CreatedAt = Samples.At(-50);
        var newer = Samples.Campaign(advertiserId);
        newer.CreatedAt = Samples.At(50);
        foreach (var c in new[] { older, Samples.Campaign(), newer }) await Campaigns.InsertAsync(c);

        var listed = await Campaigns.ListByAdvertiserAsync(advertiserId);

        Assert.Equal([newer.Id, older.Id], listed.Select(c => c.Id));
        AssertSameDocument(newer, listed[0]);
    }

    [SkippableFact]
    public async Task ListByReviewAsync_returnsThatStatusLongestWaitingFirstUpToTheLimit()
    {
        // Far from the other tests' times, so this test's campaigns head the queue.
        var waitingLongest = Pending(-1_000_000);
        var waitingLess = Pending(-999_999);
        var approved = Samples.Campaign();
        approved.Review = ReviewStatus.Approved;
        approved.SubmittedAt = Samples.At(-2_000_000);
        foreach (var c in new[] { waitingLess, approved, waitingLongest }) await Campaigns.InsertAsync(c);

        var queue = await Campaigns.ListByReviewAsync(ReviewStatus.PendingReview, limit: 2);

        Assert.Equal([waitingLongest.Id, waitingLess.Id], queue.Select(c => c.Id));
        Assert.Contains(approved.Id, (await Campaigns.ListByReviewAsync(ReviewStatus.Approved, limit: 1000)).Select(c => c.Id));

        static CampaignDocument Pending(double submittedMinutes)
        {
            var campaign = Samples.Campaign();
            campaign.Review = ReviewStatus.PendingReview;
            campaign.SubmittedAt = Samples.At(submittedMinutes);
            return campaign;
        }
    }

    [SkippableFact]
    public async Task ListLiveAsync_returnsApprovedUnpausedCampaignsWhoseScheduleIncludesTheTime()
    {
        var at = Samples.At(60 * 24 * 365 * 40);
        var live = Make(ReviewStatus.Approved, paused: false, startsIn: -60, endsIn: 60);
        var endsExactlyNow = Make(ReviewStatus.Approved, paused: false, startsIn: -60, endsIn: 0);
        var startsExactlyNow = Make(ReviewStatus.Approved, paused: false, startsIn: 0, endsIn: 60);
        var paused = Make(ReviewStatus.Approved, paused: true, startsIn: -60, endsIn: 60);
        var pending = Make(ReviewStatus.PendingReview, paused: false, startsIn: -60, endsIn: 60);
        var rejected = Make(ReviewStatus.Rejected, paused: false, startsIn: -60, endsIn: 60);
        var later = Make(ReviewStatus.Approved, paused: false, startsIn: 1, endsIn: 60);
        var mine = new[] { live, endsExactlyNow, startsExactlyNow, paused, pending, rejected, later };
        foreach (var c in mine) await Campaigns.InsertAsync(c);

        var listed = await Campaigns.ListLiveAsync(at);

        var ids = mine.Select(c => c.Id).ToHashSet();
        Assert.Equal(new[] { live.Id, startsExactlyNow.Id }.Order(StringComparer.Ordinal), listed.Select(c => c.Id).Where(ids.Contains));

        CampaignDocument Make(ReviewStatus review, bool paused, double startsIn, double endsIn)
        {
            var campaign = Samples.Campaign();
            campaign.Review = review;
            campaign.Paused = paused;
            campaign.StartsAt = at.AddMinutes(startsIn);
            campaign.EndsAt = at.AddMinutes(endsIn);
            return campaign;
        }
    }

    [SkippableFact]
    public async Task RecordAsync_sameEventIdTwice_isADuplicateAndKeepsTheFirst()
    {
        var campaignId = DocumentIds.New();
        var first = Samples.AdEvent(campaignId, AdEventKind.Click, Samples.At(1));
        var again = Samples.AdEvent(campaignId, AdEventKind.Click, Samples.At(2), first.PlacementId);

        Assert.Equal(WriteOutcome.Ok, await AdEvents.RecordAsync(first));
        Assert.Equal(WriteOutcome.Duplicate, await AdEvents.RecordAsync(again));

        var stored = Assert.Single(await AdEvents.ListByCampaignAsync(campaignId));
        AssertSameDocument(first, stored);
    }

    [SkippableFact]
    public async Task RecordAsync_manyDeliveriesOfTheSameEventsAtOnce_storesEachOnce()
    {
        var campaignId = DocumentIds.New();
        var events = Enumerable.Range(0, 10).Select(i => Samples.AdEvent(campaignId, AdEventKind.Impression, Samples.At(i))).ToArray();

        var outcomes = await RaceAsync(40, i => AdEvents.RecordAsync(Copy(events[i % events.Length])));

        Assert.Equal(10, outcomes.Count(o => o == WriteOutcome.Ok));
        Assert.Equal(30, outcomes.Count(o => o == WriteOutcome.Duplicate));
        Assert.Equal(events.Select(e => e.Id), (await AdEvents.ListByCampaignAsync(campaignId)).Select(e => e.Id));
    }

    [SkippableFact]
    public async Task ListByCampaignAsync_events_includeTheStartExcludeTheEndOldestFirst()
    {
        var campaignId = DocumentIds.New();
        var before = Samples.AdEvent(campaignId, AdEventKind.Impression, Samples.At(-1));
        var atStart = Samples.AdEvent(campaignId, AdEventKind.Engagement, Samples.At(0));
        var inside = Samples.AdEvent(campaignId, AdEventKind.Click, Samples.At(5));
        var atEnd = Samples.AdEvent(campaignId, AdEventKind.Impression, Samples.At(10));
        var otherCampaign = Samples.AdEvent(DocumentIds.New(), AdEventKind.Impression, Samples.At(5));
        foreach (var e in new[] { inside, atEnd, before, otherCampaign, atStart }) await AdEvents.RecordAsync(e);

        var window = await AdEvents.ListByCampaignAsync(campaignId, Samples.At(0), Samples.At(10));
        var all = await AdEvents.ListByCampaignAsync(campaignId);

        Assert.Equal([atStart.Id, inside.Id], window.Select(e => e.Id));
        Assert.Equal([before.Id, atStart.Id, inside.Id, atEnd.Id], all.Select(e => e.Id));
        Assert.Equal([atStart.Id, inside.Id, atEnd.Id], (await AdEvents.ListByCampaignAsync(campaignId, from: Samples.At(0))).Select(e => e.Id));
    }

    [SkippableFact]
    public async Task AppendAsync_ledger_keepsAmountsExactAndEachChargeOnce()
    {
        var campaignId = DocumentIds.New();
        var entries = new[]
        {
            Samples.LedgerEntry(campaignId, 0.1m, Samples.At(1), eventId: DocumentIds.New()),
            Samples.LedgerEntry(campaignId, 0.2m, Samples.At(2), eventId: DocumentIds.New()),
            Samples.LedgerEntry(campaignId, -0.30m, Samples.At(3)),
            Samples.LedgerEntry(campaignId, 0.0000000000000000000000000001m, Samples.At(4)),
            Samples.LedgerEntry(campaignId, 79228162514264337593543950.335m, Samples.At(5)),
        };
        foreach (var entry in entries) Assert.Equal(WriteOutcome.Ok, await AdLedger.AppendAsync(entry));
        var repeatedCharge = Copy(entries[0]);
        repeatedCharge.Amount = 999m;

        Assert.Equal(WriteOutcome.Duplicate, await AdLedger.AppendAsync(repeatedCharge));

        var stored = await AdLedger.ListByCampaignAsync(campaignId);
        Assert.Equal(entries.Length, stored.Count);
        for (var i = 0; i < entries.Length; i++) AssertSameDocument(entries[i], stored[i]);
        Assert.Equal(0m, stored.Take(3).Sum(e => e.Amount));
        Assert.Equal("-0.30", stored[2].Amount.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal([entries[1].Id, entries[2].Id], (await AdLedger.ListByCampaignAsync(campaignId, Samples.At(2), Samples.At(4))).Select(e => e.Id));
    }
}
