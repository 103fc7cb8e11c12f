using System.Diagnostics;
using FeedEngine.Storage.Posts;
using FeedEngine.Web.Feed.Ranking;

namespace FeedEngine.Bench.Feed;

/// <summary>
/// Offline evaluation of <see cref="FeedRanker"/>: a synthetic catalog (posts with unit vectors around topic centres,
/// creators, kinds, ages, engagement) and viewers with hidden interests (a mix of two topics). A viewer's interest vector
/// is learnt the way the app learns it (<see cref="InterestVector"/>) from a few replayed opens of posts they like;
/// relevance of a post is its hidden affinity to the viewer (graded 0-3). Reports NDCG@10 and hit rate@10 against
/// recency-only and popularity-only orders, then ranking latency for one request over a 100,000-post catalog. Posts'
/// engagement is the app's <see cref="EngagementQuality"/> over synthetic counts (views, opens, sessions, turns, return
/// viewers) that grow with a hidden appeal; the storage aggregate behind it is timed for 1,000 candidate posts.
/// </summary>
public static class FeedRankBenchmark
{
    const int Dimensions = 384;
    const int Topics = 24;

    public static async Task<int> RunAsync(string[] args)
    {
        var viewers = args.Length > 0 && int.TryParse(args[0], out var v) ? v : 300;
        var random = new Random(7);
        var now = new DateTime(2026, 11, 28, 12, 0, 0, DateTimeKind.Utc);
        var centres = Enumerable.Range(0, Topics).Select(_ => Unit(Gaussian(random, Dimensions))).ToArray();
        var catalog = Catalog(random, centres, 5_000, now, out var topicOf);

        var byTopic = Enumerable.Range(0, Topics).Select(t => Enumerable.Range(0, catalog.Length).Where(n => topicOf[n] == t).ToArray()).ToArray();
        var index = catalog.Select((c, n) => (c.PostId, n)).ToDictionary(x => x.PostId, x => x.n);
        double ndcgRanker = 0, ndcgRecency = 0, ndcgPopular = 0, hitRanker = 0, hitRecency = 0, hitPopular = 0;
        for (var i = 0; i < viewers; i++)
        {
            var likes = new[] { random.Next(Topics), random.Next(Topics) };
            double Relevance(int index) =>
                topicOf[index] == likes[0] ? 3 : topicOf[index] == likes[1] ? 2 : 0;
            // Replay: the viewer opens five posts of the topics they like (what the app sees before ranking for them).
            float[]? interests = null;
            for (var k = 0; k < 5; k++)
            {
                var topic = likes[k % 2];
                var opened = byTopic[topic][random.Next(byTopic[topic].Length)];
                interests = InterestVector.Update(interests, catalog[opened].Vector!, InterestVector.OpenWeight);
            }
            var viewer = new RankViewer($"viewer-{i}", interests, new HashSet<string>());
            var ranked = FeedRanker.Rank(viewer, catalog, now, 10).Select(r => index[r.Post.PostId]).ToArray();
            var recency = Enumerable.Range(0, catalog.Length).OrderByDescending(n => catalog[n].PublishedAt).Take(10).ToArray();
            var popular = Enumerable.Range(0, catalog.Length).OrderByDescending(n => catalog[n].Engagement).Take(10).ToArray();
            var ideal = Enumerable.Range(0, catalog.Length).Select(Relevance).OrderDescending().Take(10).ToArray();
            ndcgRanker += Ndcg(ranked.Select(Relevance), ideal); hitRanker += ranked.Any(n => Relevance(n) > 0) ? 1 : 0;
            ndcgRecency += Ndcg(recency.Select(Relevance), ideal); hitRecency += recency.Any(n => Relevance(n) > 0) ? 1 : 0;
            ndcgPopular += Ndcg(popular.Select(Relevance), ideal); hitPopular += popular.Any(n => Relevance(n) > 0) ? 1 : 0;
        }
        Console.WriteLine($"feedrank: {viewers} synthetic viewers, catalog of {catalog.Length} posts in {Topics} topics");
        Console.WriteLine($"  ranker      NDCG@10 {ndcgRanker / viewers:F3}  hit rate@10 {hitRanker / viewers:P1}");
        Console.WriteLine($"  recency     NDCG@10 {ndcgRecency / viewers:F3}  hit rate@10 {hitRecency / viewers:P1}");
        Console.WriteLine($"  popularity  NDCG@10 {ndcgPopular / viewers:F3}  hit rate@10 {hitPopular / viewers:P1}");

        var big = Catalog(random, centres, 100_000, now, out _);
        var warm = new RankViewer("latency", Unit(Gaussian(random, Dimensions)), new HashSet<string>());
        FeedRanker.Rank(warm, big, now, 20);
        var times = new List<double>();
        for (var i = 0; i < 30; i++)
        {
            var started = Stopwatch.GetTimestamp();
            FeedRanker.Rank(warm with { Seed = $"latency-{i}" }, big, now, 20);
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        times.Sort();
        Console.WriteLine($"  latency over {big.Length} posts, page of 20: p50 {times[times.Count / 2]:F1} ms, p99 {times[(int)Math.Ceiling(times.Count * 0.99) - 1]:F1} ms ({times.Count} requests)");
        await EngagementAggregateBenchmark.ReportAggregateTimeAsync(now);
        return ndcgRanker > ndcgRecency && ndcgRanker > ndcgPopular ? 0 : 1;
    }

    static RankCandidate[] Catalog(Random random, float[][] centres, int count, DateTime now, out int[] topicOf)
    {
        var posts = new RankCandidate[count];
        var counts = new PostEngagementCounts[count];
        topicOf = new int[count];
        for (var i = 0; i < count; i++)
        {
            var topic = random.Next(Topics);
            topicOf[i] = topic;
            var noise = Gaussian(random, Dimensions);
            var vector = new float[Dimensions];
            for (var d = 0; d < Dimensions; d++) vector[d] = centres[topic][d] + 0.06f * noise[d];
            counts[i] = EngagementAggregateBenchmark.SyntheticCounts(random, $"post-{i}", Math.Pow(random.NextDouble(), 3));
            posts[i] = new RankCandidate($"post-{i}", $"creator-{random.Next(count / 8 + 1)}", "creator", ((topic + i) % 5).ToString(),
                now.AddHours(-random.NextDouble() * 24 * 30), Unit(vector), Engagement: 0);
        }
        // The app's formula, shrunk towards the catalog's own means, as the feed's cache does.
        var prior = EngagementPrior.From(counts);
        for (var i = 0; i < count; i++) posts[i] = posts[i] with { Engagement = EngagementQuality.Of(counts[i], prior) };
        return posts;
    }

    static double Ndcg(IEnumerable<double> gains, double[] ideal)
    {
        static double Dcg(IEnumerable<double> g) => g.Select((x, i) => (Math.Pow(2, x) - 1) / Math.Log2(i + 2)).Sum();
        var best = Dcg(ideal);
        return best == 0 ? 0 : Dcg(gains) / best;
    }

    static float[] Gaussian(Random random, int n)
    {
        var v = new float[n];
        for (var i = 0; i < n; i++) v[i] = (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));
        return v;
    }

    static float[] Unit(float[] v)
    {
        var norm = Math.Sqrt(v.Sum(x => (double)x * x));
        return [.. v.Select(x => (float)(x / norm))];
    }
}
