namespace FeedEngine.Web.Feed.Ranking;

/// <summary>A post the ranker may show. <see cref="Vector"/> is its unit embedding (null when not computed); <see cref="Engagement"/> is 0..1 (<see cref="EngagementQuality"/>: 0.5 is the average post).</summary>
public sealed record RankCandidate(string PostId, string CreatorId, string CreatorName, string Kind, DateTime PublishedAt, float[]? Vector, double Engagement);

/// <summary>The viewer as the ranker sees them. <see cref="Seed"/> makes exploration differ per viewer and day but stay stable within one.</summary>
public sealed record RankViewer(string Seed, float[]? Interests, IReadOnlySet<string> FollowedCreatorIds);

/// <summary>A ranked post, its score and the reason shown under "Why am I seeing this?".</summary>
public sealed record RankedPost(RankCandidate Post, double Score, string Why);

/// <summary>
/// Scores candidates for one viewer and picks a diverse page. The score adds freshness (half-life about two days),
/// interest similarity (cosine of the post's embedding and the viewer's interest vector), follows, engagement quality and
/// an exploration bonus for new posts without engagement yet. A viewer without interests (a cold start) is ranked on
/// freshness, engagement and follows. The page is then built greedily, each pick paying a penalty for every card of the
/// same creator or kind already on it, so no creator or kind dominates.
/// </summary>
public static class FeedRanker
{
    public const double FreshnessHalfLifeHours = 48;
    public const double SameCreatorPenalty = 0.35;
    public const double SameKindPenalty = 0.08;

    public static IReadOnlyList<RankedPost> Rank(RankViewer viewer, IReadOnlyList<RankCandidate> candidates, DateTime now, int take)
    {
        if (take <= 0 || candidates.Count == 0) return [];
        var cold = viewer.Interests is null;
        var scored = new Scored[candidates.Count];
        for (var i = 0; i < candidates.Count; i++) scored[i] = Score(viewer, candidates[i], now, cold);

        // Only the best few times the page size can make the page; diversify among those.
        var pool = Math.Min(scored.Length, Math.Max(take * 4, take + 16));
        var best = TopK(scored, pool);
        var page = new List<RankedPost>(Math.Min(take, best.Count));
        var creators = new Dictionary<string, int>(StringComparer.Ordinal);
        var kinds = new Dictionary<string, int>(StringComparer.Ordinal);
        while (page.Count < take && best.Count > 0)
        {
            var pick = 0;
            var pickScore = double.NegativeInfinity;
            for (var i = 0; i < best.Count; i++)
            {
                var s = best[i].Total
                    - SameCreatorPenalty * creators.GetValueOrDefault(best[i].Post.CreatorId)
                    - SameKindPenalty * kinds.GetValueOrDefault(best[i].Post.Kind);
                if (s > pickScore || (s == pickScore && string.CompareOrdinal(best[i].Post.PostId, best[pick].Post.PostId) < 0))
                {
                    pick = i;
                    pickScore = s;
                }
            }
            var chosen = best[pick];
            best.RemoveAt(pick);
            creators[chosen.Post.CreatorId] = creators.GetValueOrDefault(chosen.Post.CreatorId) + 1;
            kinds[chosen.Post.Kind] = kinds.GetValueOrDefault(chosen.Post.Kind) + 1;
            page.Add(new RankedPost(chosen.Post, chosen.Total, chosen.Why));
        }
        return page;
    }

    static Scored Score(RankViewer viewer, RankCandidate post, DateTime now, bool cold)
    {
        var ageHours = Math.Max(0, (now - post.PublishedAt).TotalHours);
        var freshness = Math.Pow(0.5, ageHours / FreshnessHalfLifeHours);
        var similarity = !cold && post.Vector is not null ? Math.Max(0, Cosine(viewer.Interests!, post.Vector)) : 0;
        var followed = viewer.FollowedCreatorIds.Contains(post.CreatorId) ? 1.0 : 0.0;
        var engagement = Math.Clamp(post.Engagement, 0, 1);
        var jitter = Jitter(viewer.Seed, post.PostId);
        // New posts not yet shown to engage better than the average post (a post with no data sits at Neutral) get explored.
        var exploration = ageHours < 48 && engagement <= EngagementQuality.Neutral ? 0.25 * jitter : 0.04 * jitter;

        var parts = cold
            ? (Fresh: 0.55 * freshness, Similar: 0.0, Follow: 0.6 * followed, Engaged: 0.5 * engagement, Explore: exploration)
            : (Fresh: 0.3 * freshness, Similar: 1.6 * similarity, Follow: 0.6 * followed, Engaged: 0.3 * engagement, Explore: exploration);
        var total = parts.Fresh + parts.Similar + parts.Follow + parts.Engaged + parts.Explore;

        string why;
        if (parts.Follow > 0 && parts.Follow >= parts.Similar) why = $"You follow {post.CreatorName}.";
        else if (parts.Similar >= Math.Max(parts.Fresh, parts.Engaged) && parts.Similar > 0.3) why = "It is like posts you opened or liked.";
        else if (parts.Explore > 0.12 && parts.Explore >= parts.Engaged) why = "It is new, and we are trying something different for you.";
        else if (engagement > EngagementQuality.Neutral && parts.Engaged > parts.Fresh) why = "People who talk to it keep coming back.";
        else if (cold) why = "It is new on FeedEngine; like or open posts and your feed learns what you enjoy.";
        else why = "It is new on FeedEngine.";
        return new Scored(post, total, why);
    }

    static List<Scored> TopK(Scored[] scored, int k)
    {
        if (k >= scored.Length) return [.. scored.OrderByDescending(s => s.Total).ThenBy(s => s.Post.PostId, StringComparer.Ordinal)];
        // A bounded min-heap keeps the k best in O(n log k) (the 100,000-post benchmark ranks every post per request).
        var heap = new PriorityQueue<Scored, (double, string)>(k + 1, Comparer<(double Score, string Id)>.Create((a, b) =>
            a.Score != b.Score ? a.Score.CompareTo(b.Score) : string.CompareOrdinal(b.Id, a.Id)));
        foreach (var s in scored)
        {
            heap.Enqueue(s, (s.Total, s.Post.PostId));
            if (heap.Count > k) heap.Dequeue();
        }
        var list = new List<Scored>(k);
        while (heap.Count > 0) list.Add(heap.Dequeue());
        list.Reverse();
        return list;
    }

    public static double Cosine(float[] a, float[] b)
    {
        if (a.Length != b.Length) return 0;
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.Sqrt(na * nb);
    }

    /// <summary>A stable number in [0, 1) from the viewer's seed and the post id.</summary>
    public static double Jitter(string seed, string postId)
    {
        var hash = FeedCursor.Hash(seed) ^ (FeedCursor.Hash(postId) * 2654435761u);
        hash ^= hash >> 15;
        hash *= 2246822519u;
        hash ^= hash >> 13;
        return hash / (double)uint.MaxValue;
    }

    readonly record struct Scored(RankCandidate Post, double Total, string Why);
}
