using FeedEngine.Storage.Posts;
using Microsoft.Extensions.DependencyInjection;

namespace FeedEngine.Storage.Tests.Contract;

public abstract partial class StorageContractTests
{
    IPostEngagementReader Engagement => Store.Services.GetRequiredService<IPostEngagementReader>();

    static readonly DateTime EngagementDay = new(2026, 3, 1, 9, 0, 0, DateTimeKind.Utc);

    async Task<SessionDocument> EngagedSessionAsync(string postId, string ownerId, DateTime startedAt, params (TurnRole Role, DateTime At)[] turns)
    {
        var session = Samples.Session(ownerId, postId, startedAt);
        Assert.Equal(WriteOutcome.Ok, await Sessions.InsertAsync(session));
        for (var i = 0; i < turns.Length; i++)
        {
            var turn = Samples.Turn(session.Id, i + 1);
            turn.Role = turns[i].Role;
            turn.Sponsored = false;
            turn.CreatedAt = turns[i].At;
            Assert.Equal(WriteOutcome.Ok, await Turns.AppendAsync(turn));
        }
        return session;
    }

    [SkippableFact]
    public async Task PostEngagement_batchOfPosts_countsViewsOpensSessionsViewerTurnsAndReturnViewersPerPost()
    {
        var (a, b, quiet) = ("pa-" + DocumentIds.New(), "pb-" + DocumentIds.New(), "pq-" + DocumentIds.New());
        var day = EngagementDay;
        foreach (var viewer in new[] { "v1", "v2", "v3" }) await PostViews.RecordAsync(PostViewDocument.For(PostViewKind.View, a, 1, viewer, day));
        await PostViews.RecordAsync(PostViewDocument.For(PostViewKind.View, a, 1, "v1", day.AddDays(1)));
        await PostViews.RecordAsync(PostViewDocument.For(PostViewKind.Open, a, 1, "v1", day));
        await PostViews.RecordAsync(PostViewDocument.For(PostViewKind.Open, a, 1, "v1", day.AddDays(1)));
        await PostViews.RecordAsync(PostViewDocument.For(PostViewKind.View, b, 1, "v1", day));
        // Before the window: not counted.
        await PostViews.RecordAsync(PostViewDocument.For(PostViewKind.View, a, 1, "v9", day.AddDays(-40)));

        // v1 talks to a on day 1, writes again on day 2 (a return viewer); v2 opens a session and never writes.
        await EngagedSessionAsync(a, "v1", day, (TurnRole.Viewer, day), (TurnRole.Post, day), (TurnRole.Viewer, day.AddDays(1)), (TurnRole.Post, day.AddDays(1)), (TurnRole.Sponsor, day.AddDays(1)));
        await EngagedSessionAsync(a, "v2", day.AddHours(2));
        await EngagedSessionAsync(b, "v3", day, (TurnRole.Viewer, day), (TurnRole.Viewer, day.AddMinutes(1)), (TurnRole.Viewer, day.AddMinutes(2)));
        // A studio preview and a session before the window are not counted; neither are their turns.
        var preview = Samples.Session("preview:c", b, day);
        preview.Preview = true;
        Assert.Equal(WriteOutcome.Ok, await Sessions.InsertAsync(preview));
        await EngagedSessionAsync(b, "v4", day.AddDays(-40), (TurnRole.Viewer, day));

        var counts = await Engagement.ReadAsync([a, b, quiet, a], day.AddDays(-30));

        Assert.Equal(3, counts.Count);
        Assert.Equal(new PostEngagementCounts(a, Views: 4, Opens: 2, Sessions: 2, ViewerTurns: 2, Viewers: 2, ReturnViewers: 1), counts[a]);
        Assert.Equal(new PostEngagementCounts(b, Views: 1, Opens: 0, Sessions: 1, ViewerTurns: 3, Viewers: 1, ReturnViewers: 0), counts[b]);
        Assert.Equal(PostEngagementCounts.None(quiet), counts[quiet]);
    }

    [SkippableFact]
    public async Task PostEngagement_emptyBatch_isEmptyAndTooManyOrBlankIdsAreRefused()
    {
        Assert.Empty(await Engagement.ReadAsync([], EngagementDay));

        var tooMany = Enumerable.Range(0, IPostEngagementReader.MaxPostIds + 1).Select(i => $"p{i}").ToArray();
        var error = await Assert.ThrowsAsync<ArgumentException>(() => Engagement.ReadAsync(tooMany, EngagementDay));
        Assert.Contains("At most 1000", error.Message);
        await Assert.ThrowsAsync<ArgumentException>(() => Engagement.ReadAsync(["p1", " "], EngagementDay));
        // The largest batch allowed is one call (hostile-looking ids are just ids that match nothing).
        var full = Enumerable.Range(0, IPostEngagementReader.MaxPostIds - 1).Select(i => $"p{i}").Append("{\"$gt\":\"\"}").ToArray();
        var counts = await Engagement.ReadAsync(full, EngagementDay);
        Assert.Equal(IPostEngagementReader.MaxPostIds, counts.Count);
        Assert.All(counts.Values, c => Assert.Equal(PostEngagementCounts.None(c.PostId), c));
    }
}
