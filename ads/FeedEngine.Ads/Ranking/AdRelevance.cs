using System.Collections.Concurrent;
using Microsoft.Extensions.AI;

namespace FeedEngine.Ads.Ranking;

/// <summary>
/// Embedding similarity between campaigns' targeting and audience segments, and from a post's interests to the nearest
/// segment. Vectors are normalized and cached by text, so a ranking run embeds each distinct text once.
/// </summary>
public sealed class AdRelevance(IEmbeddingGenerator<string, Embedding<float>> embedder)
{
    const int CacheLimit = 50_000;
    readonly ConcurrentDictionary<string, float[]> cache = new(StringComparer.Ordinal);

    /// <summary>Embeds the texts not cached yet, in batches.</summary>
    public async Task WarmAsync(IEnumerable<string> texts, CancellationToken cancellationToken = default)
    {
        var missing = texts.Select(Normalize).Where(t => t.Length > 0 && !cache.ContainsKey(t)).Distinct(StringComparer.Ordinal).ToList();
        if (cache.Count + missing.Count > CacheLimit) cache.Clear();
        foreach (var batch in missing.Chunk(256))
        {
            var vectors = await embedder.GenerateAsync(batch, cancellationToken: cancellationToken);
            for (var i = 0; i < batch.Length; i++) cache[batch[i]] = Unit(vectors[i].Vector.ToArray());
        }
    }

    public async Task<float[]> VectorAsync(string text, CancellationToken cancellationToken = default)
    {
        var key = Normalize(text);
        if (cache.TryGetValue(key, out var cached)) return cached;
        await WarmAsync([key], cancellationToken);
        return cache.TryGetValue(key, out cached) ? cached : [];
    }

    /// <summary>Cached vector of a warmed text (empty when it was never embedded).</summary>
    public float[] Cached(string text) => cache.TryGetValue(Normalize(text), out var v) ? v : [];

    /// <summary>Cosine similarity of unit vectors, below zero read as zero.</summary>
    public static double Similarity(float[] a, float[] b)
    {
        if (a.Length == 0 || a.Length != b.Length) return 0;
        double dot = 0;
        for (var i = 0; i < a.Length; i++) dot += a[i] * b[i];
        return Math.Clamp(dot, 0, 1);
    }

    /// <summary>The best similarity of any of the campaign's interests to the segment.</summary>
    public static double Best(IReadOnlyList<float[]> interests, float[] segment)
    {
        double best = 0;
        foreach (var interest in interests) best = Math.Max(best, Similarity(interest, segment));
        return best;
    }

    public static string Normalize(string text) => text.Trim().ToLowerInvariant();

    static float[] Unit(float[] v)
    {
        double norm = 0;
        foreach (var x in v) norm += x * x;
        if (norm <= 0) return v;
        var scale = (float)(1 / Math.Sqrt(norm));
        for (var i = 0; i < v.Length; i++) v[i] *= scale;
        return v;
    }
}
