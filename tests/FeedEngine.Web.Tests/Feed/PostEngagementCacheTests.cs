using FeedEngine.Creators.Analytics;
using FeedEngine.Storage;
using FeedEngine.Storage.Posts;
using FeedEngine.Storage.Sessions;
using FeedEngine.Web.Feed.Ranking;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace FeedEngine.Web.Tests.Feed;

/// <summary>The feed's engagement cache over the embedded store on disk, on a clock the tests move.</summary>
public sealed class PostEngagementCacheTests : IAsyncLifetime
{
    readonly string dataDirectory = Path.Combine(Path.GetTempPath(), "feedengine-engagement-" + Guid.NewGuid().ToString("n"));
    readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
    ServiceProvider services = null!;
    CountingReader reader = null!;
    PostEngagementCache cache = null!;

    DateTime Now => clock.GetUtcNow().UtcDateTime;

    public Task InitializeAsync()
    {
        var collection = new ServiceCollection();
        collection.AddSingleton(Options.Create(new StorageOptions { DataDirectory = dataDirectory }));
        collection.AddEmbeddedStorage();
        services = collection.BuildServiceProvider();
        reader = new CountingReader(services.GetRequiredService<IPostEngagementReader>());
        cache = new PostEngagementCache(reader, clock, NullLogger<PostEngagementCache>.Instance);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        cache.Dispose();
        await services.DisposeAsync();
        if (Directory.Exists(dataDirectory)) Directory.Delete(dataDirectory, recursive: true);
    }

    /// <summary>Ordinary posts, so the prior (the population's mean) is not just the posts under test.</summary>
    async Task<string[]> AveragePostsAsync()
    {
        var ids = Enumerable.Range(0, 6).Select(i => $"average-{i}").ToArray();
        foreach (var id in ids) await EngagementData.AddAsync(services, id, Now, views: 40, opens: 8, sessions: 8, turnsEach: 3, returning: 2);
        return ids;
    }

    [Fact]
    public async Task Get_coldCache_answersNeutralAtOnce_thenTheBackgroundFillRanksTheEngagingPostHigher()
    {
        await EngagementData.AddAsync(services, "deep", Now, views: 40, opens: 30, sessions: 30, turnsEach: 8, returning: 20);
        await EngagementData.AddAsync(services, "shallow", Now, views: 40, opens: 2, sessions: 2, turnsEach: 1, returning: 0);

        var population = await AveragePostsAsync();
        var cold = cache.Get(["deep", "shallow", "unseen", .. population]);
        Assert.All(cold.Values, q => Assert.Equal(EngagementQuality.Neutral, q));

        await cache.WhenIdleAsync();
        var warm = cache.Get(["deep", "shallow", "unseen"]);

        Assert.True(warm["deep"] > EngagementQuality.Neutral + 0.1, $"deep {warm["deep"]}");
        Assert.True(warm["deep"] > warm["shallow"] + 0.15, $"deep {warm["deep"]}, shallow {warm["shallow"]}");
        Assert.True(warm["shallow"] < EngagementQuality.Neutral - 0.05, $"shallow {warm["shallow"]}");
        Assert.InRange(warm["unseen"], EngagementQuality.Neutral - 1e-9, EngagementQuality.Neutral + 1e-9);
        Assert.Equal(1, reader.Calls);
    }

    [Fact]
    public async Task Get_withinTheTtl_readsNothing_afterIt_servesTheStaleValueAndRefreshes()
    {
        await EngagementData.AddAsync(services, "post", Now, views: 10, opens: 1, sessions: 1, turnsEach: 1, returning: 0);
        cache.Get(["post", .. await AveragePostsAsync()]);
        await cache.WhenIdleAsync();
        var before = cache.Get(["post"])["post"];

        clock.Advance(PostEngagementCache.Ttl - TimeSpan.FromSeconds(1));
        cache.Get(["post"]);
        await cache.WhenIdleAsync();
        Assert.Equal(1, reader.Calls);

        await EngagementData.AddAsync(services, "post", Now.AddDays(1), views: 30, opens: 30, sessions: 30, turnsEach: 10, returning: 25);
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(before, cache.Get(["post"])["post"]);
        await cache.WhenIdleAsync();

        Assert.Equal(2, reader.Calls);
        Assert.True(cache.Get(["post"])["post"] > before + 0.1);
    }

    [Fact]
    public async Task Refresh_manyPosts_readsInBatchesOfTheReadersLimit_neverOneQueryPerPost()
    {
        var ids = Enumerable.Range(0, 2_500).Select(i => $"post-{i}").ToArray();

        cache.Get(ids);
        await cache.WhenIdleAsync();

        Assert.Equal(3, reader.Calls);
        Assert.Equal(ids.Length, reader.IdsRead);
    }

    [Fact]
    public async Task Refresh_readerFails_keepsServingWhatItHad_andTriesAgainOnTheNextRequest()
    {
        await EngagementData.AddAsync(services, "deep", Now, views: 40, opens: 30, sessions: 30, turnsEach: 8, returning: 20);
        cache.Get(["deep", "plain"]);
        await cache.WhenIdleAsync();
        var good = cache.Get(["deep"])["deep"];

        reader.Fail = true;
        clock.Advance(PostEngagementCache.Ttl * 2);
        Assert.Equal(good, cache.Get(["deep"])["deep"]);
        await cache.WhenIdleAsync();
        var again = cache.Get(["deep", "   ", ""]);
        Assert.Equal(good, again["deep"]);
        Assert.Single(again);
        await cache.WhenIdleAsync();
        Assert.Equal(3, reader.Calls);

        reader.Fail = false;
        cache.Get(["deep"]);
        await cache.WhenIdleAsync();
        Assert.Equal(4, reader.Calls);
    }

    [Fact]
    public async Task Counts_agreeWithCreatorAnalytics_onTheSameStoredData()
    {
        await EngagementData.AddAsync(services, "same", Now, views: 12, opens: 7, sessions: 5, turnsEach: 3, returning: 2);
        var activity = services.GetRequiredService<IPostActivityReader>();
        var sessions = await activity.ListSessionsByPostAsync("same", 100);
        var turns = await activity.ListTurnsAsync([.. sessions.Select(s => s.Id)]);

        var analytics = PostAnalytics.Compute("same", sessions, turns, Now).All;
        var counts = (await services.GetRequiredService<IPostEngagementReader>().ReadAsync(["same"], Now - PostEngagementCache.Window))["same"];

        Assert.Equal((analytics.SessionsStarted, analytics.ViewerTurns, analytics.Viewers, analytics.ReturnViewers), (counts.Sessions, counts.ViewerTurns, counts.Viewers, counts.ReturnViewers));
        Assert.Equal((5, 15, 5, 2), (counts.Sessions, counts.ViewerTurns, counts.Viewers, counts.ReturnViewers));
        Assert.Equal((12L, 7L), (counts.Views, counts.Opens));
    }

    sealed class CountingReader(IPostEngagementReader inner) : IPostEngagementReader
    {
        int calls, idsRead;
        public int Calls => calls;
        public int IdsRead => idsRead;
        public volatile bool Fail;

        public Task<IReadOnlyDictionary<string, PostEngagementCounts>> ReadAsync(IReadOnlyCollection<string> postIds, DateTime since, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref calls);
            Interlocked.Add(ref idsRead, postIds.Count);
            return Fail ? throw new IOException("The store is away.") : inner.ReadAsync(postIds, since, cancellationToken);
        }
    }
}
