using System.Diagnostics;
using FeedEngine.Ads;
using FeedEngine.Ads.Ranking;
using FeedEngine.Ads.Serving;
using FeedEngine.Storage;
using FeedEngine.Storage.Campaigns;
using FeedEngine.Storage.Posts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace FeedEngine.Bench.Ads;

/// <summary>
/// The ad system at size: <c>--campaigns</c> approved, running campaigns (random bids, CPM and CPE, one to three
/// interests each from the segment vocabulary, a tenth untargeted) and <c>--segments</c> audience segments, on the
/// embedded store (AddStorage + AddAds, as the app registers them; the lexical embedder, as without AddInference).
/// Times the ranking job (cold: first embeddings; then warm runs as the every-minute schedule sees them), the first
/// selection (it loads the served slate set into memory), then <c>--selections</c> selections for 500 viewers over
/// varied interests: p50/p99 including the placement read and write.
/// </summary>
public static class AdSelectBenchmark
{
    static readonly string[] Moods =
    [
        "cozy", "dark", "epic", "funny", "retro", "space", "ocean", "urban", "forest", "desert", "winter", "summer", "royal",
        "pirate", "robot", "dragon", "ghost", "neon", "jazz", "street", "mountain", "island", "castle", "jungle", "arctic",
        "magic", "steam", "cyber", "ancient", "future", "tiny", "giant", "secret", "wild", "quiet", "loud", "golden", "silver",
        "crystal", "shadow",
    ];

    static readonly string[] Topics =
    [
        "mystery", "romance", "cooking", "fitness", "music", "travel", "gaming", "fashion", "history", "science", "anime",
        "sports", "pets", "art", "quizzes", "horror", "comedy", "poetry", "gardening", "cars", "finance", "photography",
        "dance", "theatre", "coffee",
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        var campaignCount = Arg(args, "--campaigns", 10_000);
        var segmentCount = Math.Min(Arg(args, "--segments", 1_000), Moods.Length * Topics.Length);
        var selections = Arg(args, "--selections", 5_000);
        var runs = Arg(args, "--runs", 3);
        var directory = Directory.Exists("/dev/shm")
            ? Directory.CreateDirectory(Path.Combine("/dev/shm", "feedengine-bench-ads-" + Guid.NewGuid().ToString("N"))).FullName
            : Directory.CreateTempSubdirectory("feedengine-bench-ads-").FullName;
        var segments = Enumerable.Range(0, segmentCount).Select(i => $"{Moods[i % Moods.Length]} {Topics[i / Moods.Length % Topics.Length]}").ToList();
        try
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            var settings = new Dictionary<string, string?> { ["Storage:DataDirectory"] = directory, ["Ads:Serving:SlateRefreshSeconds"] = "0" };
            builder.Configuration.AddInMemoryCollection(settings);
            builder.AddStorage();
            builder.AddAds();
            builder.Services.PostConfigure<AdServingOptions>(o => o.Segments = segments);
            using var host = builder.Build();
            var services = host.Services;

            var random = new Random(11);
            var now = DateTime.UtcNow;
            var store = services.GetRequiredService<ICampaignRepository>();
            var seeding = Stopwatch.StartNew();
            for (var i = 0; i < campaignCount; i++)
                await store.InsertAsync(Campaign(i, random, now, segments));
            Console.WriteLine($"adselect: {campaignCount:N0} campaigns, {segmentCount:N0} segments (stored in {seeding.Elapsed.TotalSeconds:F1} s), {Environment.ProcessorCount} cores, load {LoadAverage()}");

            var ranking = new List<double>();
            AdRankingRun? last = null;
            for (var r = 0; r < Math.Max(1, runs); r++)
            {
                using var scope = services.CreateScope();
                var cpu = CpuSeconds();
                last = await scope.ServiceProvider.GetRequiredService<AdRankingJob>().RunAsync();
                ranking.Add(last.Duration.TotalSeconds);
                Console.WriteLine($"  ranking run {r + 1} ({(r == 0 ? "cold: embeds every text" : "warm")}): {last.Duration.TotalSeconds:F2} s wall, {CpuSeconds() - cpu:F2} s CPU (all threads), {last.Eligible:N0} eligible, {last.Segments:N0} slates, switched {last.Switched}");
            }
            // Where a run's time goes, roughly: reading the live campaigns, and writing the slates (the rest is ranking in memory).
            var reading = Stopwatch.StartNew();
            var live = await store.ListLiveAsync(DateTime.UtcNow);
            var readSeconds = reading.Elapsed.TotalSeconds;
            var slateStore = services.GetRequiredService<IAdSlateRepository>();
            var written = await slateStore.ListRunAsync(last!.RunId);
            var copies = written.Select(s => new AdSlateDocument { Id = s.Id + "-copy", RunId = "bench-copy", SegmentId = s.SegmentId, Entries = s.Entries, CreatedAt = s.CreatedAt }).ToList();
            var writing = Stopwatch.StartNew();
            foreach (var batch in copies.Chunk(100)) await slateStore.WriteAsync(batch);
            var writeSeconds = writing.Elapsed.TotalSeconds;
            await slateStore.DeleteRunsExceptAsync([last.RunId]);
            Console.WriteLine($"  of a run: reading {live.Count:N0} live campaigns {readSeconds:F2} s; writing {copies.Count:N0} slates {writeSeconds:F2} s");
            var slateSize = written.Average(s => s.Entries.Count);
            Console.WriteLine($"  ranking job warm median: {Median(ranking.Skip(1).DefaultIfEmpty(ranking[0]).ToList()):F2} s; {slateSize:F1} campaigns per slate on average");

            var selector = services.GetRequiredService<AdSelector>();
            services.GetRequiredService<SlateCache>().Invalidate();
            var first = Stopwatch.StartNew();
            var warmPick = await selector.SelectAsync(Opportunity("viewer-warm", segments[0], random));
            Console.WriteLine($"  first selection (loads the served set: every slate and its campaigns): {first.Elapsed.TotalMilliseconds:F0} ms, picked {(warmPick is null ? "nothing" : "one")}");

            // The interest texts a session would send: a few per segment, as the post's title and tags read.
            var texts = Enumerable.Range(0, 2_000).Select(i => $"{segments[random.Next(segments.Count)]} story {i % 7}").ToArray();
            foreach (var text in texts.Take(200)) await selector.SegmentAsync(text);
            var times = new List<double>(selections);
            var picked = 0;
            var gc = GC.CollectionCount(0);
            var selectionCpu = CpuSeconds();
            for (var i = 0; i < selections; i++)
            {
                var opportunity = Opportunity($"viewer-{i % 500}", texts[random.Next(texts.Length)], random);
                var started = Stopwatch.GetTimestamp();
                var pick = await selector.SelectAsync(opportunity);
                times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (pick is not null) picked++;
            }
            times.Sort();
            Console.WriteLine($"  selection over {selections:N0} opportunities (500 viewers, {texts.Length:N0} interest texts, caps and brand safety on): "
                + $"p50 {Percentile(times, 0.50):F2} ms, p90 {Percentile(times, 0.90):F2} ms, p99 {Percentile(times, 0.99):F2} ms, max {times[^1]:F1} ms; "
                + $"{picked:N0} picked; gen0 GCs {GC.CollectionCount(0) - gc}; CPU {(CpuSeconds() - selectionCpu) * 1000 / selections:F2} ms per selection");
            Console.WriteLine($"  goal: p99 under 10 ms: {(Percentile(times, 0.99) < 10 ? "met" : "NOT met")}; load after {LoadAverage()}");
            return 0;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    static CampaignDocument Campaign(int i, Random random, DateTime now, List<string> segments)
    {
        var interests = i % 10 == 0 ? [] : Enumerable.Range(0, 1 + random.Next(3)).Select(_ => segments[random.Next(segments.Count)]).Distinct().ToList();
        var cpe = i % 3 == 0;
        return new CampaignDocument
        {
            Id = DocumentIds.New(),
            AdvertiserId = $"advertiser-{i % 700}",
            Name = $"Brand {i}",
            Currency = "USD",
            TotalBudget = 10_000,
            DailyBudget = 100 + random.Next(900),
            Bid = cpe ? Math.Round(0.05m + (decimal)random.NextDouble() * 2, 2) : Math.Round(0.5m + (decimal)random.NextDouble() * 20, 2),
            BidType = cpe ? BidType.Cpe : BidType.Cpm,
            StartsAt = now.AddDays(-1),
            EndsAt = now.AddDays(30),
            Creative = new CampaignCreative
            {
                Headline = $"Brand {i} headline",
                LandingUrl = $"https://example.com/brand-{i}",
                SponsoredInteraction = new SponsoredInteraction { Persona = $"You are Brand {i}'s guide.", Welcome = $"Hi from Brand {i}!", SuggestedPrompts = ["What is new?"] },
            },
            Targeting = new CampaignTargeting { Interests = interests },
            FrequencyCaps = new FrequencyCaps { PerViewerPerDay = 3, PerSession = 1 },
            Exclusions = i % 5 == 0 ? new CampaignExclusions { PostKinds = [PostKind.Game], ModerationCategories = ["violence"] } : new CampaignExclusions(),
            Review = ReviewStatus.Approved,
            SubmittedAt = now,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    static AdOpportunity Opportunity(string viewerId, string interests, Random random) =>
        new(viewerId, AdSurface.Session, interests, $"session-{viewerId}-{random.Next(20)}", "post-1",
            random.Next(4) == 0 ? PostKind.Game : PostKind.Story, ["tag"], AgeRating.Everyone, random.Next(10) == 0 ? ["S1"] : []);

    static double Percentile(List<double> sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(sorted.Count * p) - 1, 0, sorted.Count - 1)];

    static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    static int Arg(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var value) ? value : fallback;
    }

    static double CpuSeconds() => System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;

    static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";
}
