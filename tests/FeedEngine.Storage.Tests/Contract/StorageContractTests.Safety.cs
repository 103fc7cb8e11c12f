using Microsoft.Extensions.DependencyInjection;

namespace FeedEngine.Storage.Tests.Contract;

public abstract partial class StorageContractTests
{
    IUsageCounterRepository Counters => Store.Services.GetRequiredService<IUsageCounterRepository>();
    IReportRepository Reports => Store.Services.GetRequiredService<IReportRepository>();

    static readonly DateOnly Day = new(2025, 3, 14);

    [SkippableFact]
    public async Task TryIncrementAsync_countsUpToTheLimit_thenRefuses()
    {
        var user = DocumentIds.New();

        var results = new List<CounterResult>();
        for (var i = 0; i < 4; i++) results.Add(await Counters.TryIncrementAsync(user, "generation", Day, $"turn-{i}", 3, Samples.Now));

        Assert.Equal([CounterOutcome.Counted, CounterOutcome.Counted, CounterOutcome.Counted, CounterOutcome.LimitReached], results.Select(r => r.Outcome));
        Assert.Equal([1, 2, 3, 3], results.Select(r => r.Count));
        var counter = await Counters.FindAsync(user, "generation", Day);
        Assert.NotNull(counter);
        Assert.Equal(3, counter.Count);
        Assert.Equal(["turn-0", "turn-1", "turn-2"], counter.Keys);
        Assert.Equal(UsageCounterDocument.MakeId(user, "generation", Day), counter.Id);
    }

    [SkippableFact]
    public async Task TryIncrementAsync_sameKeyTwice_countsOnce()
    {
        var user = DocumentIds.New();

        var first = await Counters.TryIncrementAsync(user, "generation", Day, "turn-1", 10, Samples.Now);
        var again = await Counters.TryIncrementAsync(user, "generation", Day, "turn-1", 10, Samples.Now);

        Assert.Equal(new CounterResult(CounterOutcome.Counted, 1), first);
        Assert.Equal(new CounterResult(CounterOutcome.AlreadyCounted, 1), again);
    }

    [SkippableFact]
    public async Task TryIncrementAsync_daysAndKindsAndUsers_countSeparately()
    {
        var user = DocumentIds.New();

        await Counters.TryIncrementAsync(user, "generation", Day, "a", 1, Samples.Now);
        var nextDay = await Counters.TryIncrementAsync(user, "generation", Day.AddDays(1), "a", 1, Samples.Now);
        var otherKind = await Counters.TryIncrementAsync(user, "image", Day, "a", 1, Samples.Now);
        var otherUser = await Counters.TryIncrementAsync(DocumentIds.New(), "generation", Day, "a", 1, Samples.Now);

        Assert.All([nextDay, otherKind, otherUser], r => Assert.Equal(CounterOutcome.Counted, r.Outcome));
        Assert.Null(await Counters.FindAsync(user, "generation", Day.AddDays(2)));
    }

    [SkippableFact]
    public async Task TryIncrementAsync_concurrentUses_neverPassTheLimit()
    {
        var user = DocumentIds.New();

        var results = await RaceAsync(12, i => Counters.TryIncrementAsync(user, "generation", Day, $"turn-{i}", 5, Samples.Now));

        Assert.Equal(5, results.Count(r => r.Outcome == CounterOutcome.Counted));
        Assert.Equal(7, results.Count(r => r.Outcome == CounterOutcome.LimitReached));
        Assert.Equal(5, (await Counters.FindAsync(user, "generation", Day))!.Count);
    }

    static ReportDocument Report(string? reporterId = null, string? creatorId = null, DateTime? createdAt = null)
    {
        var reporter = reporterId ?? DocumentIds.New();
        var postId = DocumentIds.New();
        return new ReportDocument
        {
            Id = DocumentIds.New(),
            Key = ReportDocument.MakeKey(reporter, postId, "session-1", 4),
            ReporterId = reporter,
            PostId = postId,
            PostTitle = "The Lighthouse Keeper",
            CreatorId = creatorId ?? DocumentIds.New(),
            SessionId = "session-1",
            TurnSeq = 4,
            Excerpt = "a reply",
            Reason = ReportReason.Harassment,
            Details = "rude",
            Categories = ["S10"],
            CreatedAt = createdAt ?? Samples.Now,
            UpdatedAt = createdAt ?? Samples.Now,
        };
    }

    [SkippableFact]
    public async Task Reports_insertFindAndDuplicateKey()
    {
        var report = Report();

        Assert.Equal(WriteOutcome.Ok, await Reports.InsertAsync(report));
        var twin = Report(report.ReporterId);
        twin.Key = report.Key;

        Assert.Equal(WriteOutcome.Duplicate, await Reports.InsertAsync(twin));
        Assert.Equal(1, report.Version);
        AssertSameDocument(report, await Reports.FindAsync(report.Id));
        AssertSameDocument(report, await Reports.FindByKeyAsync(report.Key));
        Assert.Null(await Reports.FindAsync(twin.Id));
    }

    [SkippableFact]
    public async Task Reports_updateIsVersioned()
    {
        var report = Report();
        await Reports.InsertAsync(report);
        var stale = Copy(report);
        report.Status = ReportStatus.Dismissed;
        report.Resolution = "No rule was broken.";
        report.ResolvedAt = Samples.At(5);

        Assert.Equal(WriteOutcome.Ok, await Reports.UpdateAsync(report));
        stale.Status = ReportStatus.PostUnpublished;
        Assert.Equal(WriteOutcome.Conflict, await Reports.UpdateAsync(stale));

        AssertSameDocument(report, await Reports.FindAsync(report.Id));
    }

    [SkippableFact]
    public async Task Reports_queueIsOpenOnesOldestFirst_andListsAreNewestFirst()
    {
        var reporter = DocumentIds.New();
        var creator = DocumentIds.New();
        // Dates before every other test's, so this queue's head is ours.
        var t = new DateTime(1990, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var old = Report(reporter, creator, t);
        var newer = Report(reporter, creator, t.AddMinutes(2));
        var resolved = Report(reporter, creator, t.AddMinutes(1));
        resolved.Status = ReportStatus.Dismissed;
        foreach (var r in new[] { newer, resolved, old }) await Reports.InsertAsync(r);

        var queue = await Reports.ListOpenAsync(2);
        var mine = await Reports.ListByReporterAsync(reporter, 10);
        var theirs = await Reports.ListByCreatorAsync(creator, 2);

        Assert.Equal([old.Id, newer.Id], queue.Select(r => r.Id));
        Assert.Equal([newer.Id, resolved.Id, old.Id], mine.Select(r => r.Id));
        Assert.Equal([newer.Id, resolved.Id], theirs.Select(r => r.Id));
    }

    [SkippableFact]
    public async Task ListPublishedAsync_excludedCreators_areSkipped()
    {
        var t = new DateTime(2200, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var blocked = await PublishedPostAsync(t.AddMinutes(2));
        var kept = await PublishedPostAsync(t.AddMinutes(1));

        var page = await Posts.ListPublishedAsync(new FeedPageQuery(Limit: 2, BeforePublishedAt: t.AddMinutes(3)) { ExcludedCreatorIds = [blocked.CreatorId] });

        Assert.DoesNotContain(page, p => p.Id == blocked.Id);
        Assert.Equal(kept.Id, page[0].Id);
    }

    [SkippableFact]
    public async Task Users_suspensionRoundTrips()
    {
        var user = Samples.User();
        user.IsSuspended = true;
        user.SuspendedAt = Samples.At(3);
        user.SuspensionReason = "Repeated harassment.";

        await Users.InsertAsync(user);

        AssertSameDocument(user, await Users.FindAsync(user.Id));
    }
}
