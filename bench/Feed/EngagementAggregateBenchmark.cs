using System.Diagnostics;
using FeedEngine.Storage;
using FeedEngine.Storage.Embedded;
using FeedEngine.Storage.Posts;
using FeedEngine.Storage.Sessions;
using FeedEngine.Web.Feed.Ranking;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FeedEngine.Bench.Feed;

/// <summary>
/// Engagement for the feed benchmark: synthetic counts for a catalog turned into <see cref="EngagementQuality"/> by the
/// app's formula, and the time of the storage aggregate (<see cref="IPostEngagementReader"/>) for one batch of 1,000
/// candidate posts on the embedded store on disk (and on MongoDB when <c>MONGODB_URL</c> is set).
/// </summary>
static class EngagementAggregateBenchmark
{
    /// <summary>Counts a post of hidden appeal 0..1 might gather: more views for some posts, better rates for appealing ones.</summary>
    public static PostEngagementCounts SyntheticCounts(Random random, string postId, double appeal)
    {
        var views = (long)(Math.Pow(random.NextDouble(), 2) * 2_000);
        var opens = (long)(views * (0.05 + 0.35 * appeal) * (0.8 + 0.4 * random.NextDouble()));
        var sessions = (int)(opens * 0.7);
        var turns = (int)(sessions * (1 + 7 * appeal) * (0.8 + 0.4 * random.NextDouble()));
        var viewers = (int)(sessions * 0.85);
        var returning = (int)(viewers * (0.05 + 0.45 * appeal));
        return new PostEngagementCounts(postId, views, opens, sessions, turns, viewers, returning);
    }

    public static async Task ReportAggregateTimeAsync(DateTime now)
    {
        var directory = Path.Combine(Path.GetTempPath(), "feedengine-bench-engagement-" + Guid.NewGuid().ToString("n"));
        try
        {
            var services = new ServiceCollection();
            services.AddSingleton(Options.Create(new StorageOptions { DataDirectory = directory }));
            services.AddEmbeddedStorage();
            await using var provider = services.BuildServiceProvider();
            var ids = Seed(provider.GetRequiredService<EmbeddedDatabase>(), now);
            await TimeAsync("embedded (LiteDB)", provider.GetRequiredService<IPostEngagementReader>(), ids, now);
        }
        finally
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }

        if (Environment.GetEnvironmentVariable("MONGODB_URL") is { Length: > 0 } url)
        {
            var services = new ServiceCollection();
            services.AddSingleton(Options.Create(new StorageOptions { MongoUrl = url, MongoDatabase = "bench_engagement_" + Guid.NewGuid().ToString("n")[..8] }));
            services.AddMongoStorage();
            await using var provider = services.BuildServiceProvider();
            var store = provider.GetRequiredService<FeedEngine.Storage.Mongo.MongoStore>();
            await store.EnsureReadyAsync();
            var all = Documents(now).ToList();
            await store.Database.GetCollection<PostViewDocument>("postViews").InsertManyAsync(all.Where(d => d.View is not null).Select(d => d.View!));
            await store.Sessions.InsertManyAsync(all.Where(d => d.Session is not null).Select(d => d.Session!));
            await store.Turns.InsertManyAsync(all.SelectMany(d => d.Turns));
            await TimeAsync("MongoDB", provider.GetRequiredService<IPostEngagementReader>(), [.. Enumerable.Range(0, Posts).Select(PostId)], now);
        }
    }

    const int Posts = 1_000;
    static string PostId(int i) => $"bench-post-{i}";

    static string[] Seed(EmbeddedDatabase database, DateTime now)
    {
        var viewDocs = new List<PostViewDocument>();
        var sessionDocs = new List<SessionDocument>();
        var turnDocs = new List<TurnDocument>();
        foreach (var (view, session, sessionTurns) in Documents(now))
        {
            if (view is not null) viewDocs.Add(view);
            if (session is not null) sessionDocs.Add(session);
            turnDocs.AddRange(sessionTurns);
        }
        database.Collection<PostViewDocument>("postViews").InsertBulk(viewDocs);
        database.Collection<SessionDocument>("sessions").InsertBulk(sessionDocs);
        database.Collection<TurnDocument>("turns").InsertBulk(turnDocs);
        Console.WriteLine($"  engagement aggregate: {Posts} posts with {viewDocs.Count} view/open records, {sessionDocs.Count} sessions, {turnDocs.Count} turns");
        return [.. Enumerable.Range(0, Posts).Select(PostId)];
    }

    /// <summary>Per post: 12 viewers shown the card, 4 opened it, 3 talked (3 messages and 3 replies each, one of them a day later).</summary>
    static IEnumerable<(PostViewDocument? View, SessionDocument? Session, List<TurnDocument> Turns)> Documents(DateTime now)
    {
        var day = now.AddDays(-3);
        for (var p = 0; p < Posts; p++)
        {
            var postId = PostId(p);
            for (var v = 0; v < 12; v++)
            {
                var viewer = $"viewer-{v}";
                yield return (PostViewDocument.For(PostViewKind.View, postId, 1, viewer, day), null, []);
                if (v < 4) yield return (PostViewDocument.For(PostViewKind.Open, postId, 1, viewer, day), null, []);
                if (v >= 3) continue;
                var session = new SessionDocument { Id = $"{postId}-s{v}", PostId = postId, PostVersion = 1, OwnerId = viewer, CreatedAt = day, UpdatedAt = day };
                var turns = new List<TurnDocument>();
                for (var seq = 1; seq <= 6; seq++)
                    turns.Add(new TurnDocument
                    {
                        Id = TurnDocument.MakeId(session.Id, seq), SessionId = session.Id, Seq = seq, Role = seq % 2 == 1 ? TurnRole.Viewer : TurnRole.Post,
                        AuthorId = viewer, Text = "Hello there.", IdempotencyKey = $"{session.Id}:{seq}", CreatedAt = seq == 5 && v == 0 ? day.AddDays(1) : day,
                    });
                yield return (null, session, turns);
            }
        }
    }

    static async Task TimeAsync(string store, IPostEngagementReader reader, string[] ids, DateTime now)
    {
        var since = now - PostEngagementCache.Window;
        var first = await reader.ReadAsync(ids, since);
        if (first.Count != ids.Length || first.Values.Any(c => c.Sessions != 3 || c.ViewerTurns != 9 || c.ReturnViewers != 1 || c.Views != 12 || c.Opens != 4))
            throw new InvalidOperationException("The engagement aggregate counted something else than the benchmark stored.");
        var times = new List<double>();
        for (var i = 0; i < 15; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await reader.ReadAsync(ids, since);
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        times.Sort();
        Console.WriteLine($"  engagement aggregate, {store}: one batch of {ids.Length} candidate posts: p50 {times[times.Count / 2]:F1} ms, max {times[^1]:F1} ms ({times.Count} runs)");
    }
}
