using FeedEngine.Storage.Memory;
using FeedEngine.Storage.Viewers;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace FeedEngine.Engine.Memory;

/// <summary>
/// Picks the remembered facts a reply should see: the viewer's own (everywhere) and theirs on this post, most similar
/// to the latest message first (MiniLM embeddings; newest first without an embedding model). None for a viewer with
/// memory off. The prompt assembler fits them into the memory budget.
/// </summary>
public sealed class MemoryRecall(
    IMemoryRepository facts,
    IViewerProfileRepository profiles,
    IOptions<MemoryOptions> options,
    IEmbeddingGenerator<string, Embedding<float>>? embeddings = null)
{
    public async Task<IReadOnlyList<string>> RecallAsync(string viewerId, string postId, string latestMessage, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (settings.RecallCount == 0 || (await profiles.FindAsync(viewerId, cancellationToken))?.MemoryOff == true) return [];
        var candidates = (await facts.ListAsync(viewerId, settings.MaxFactsPerViewer, cancellationToken))
            .Where(f => f.Scope == MemoryScope.Viewer || f.PostId == postId)
            .ToList();
        if (candidates.Count == 0) return [];
        if (embeddings is null || string.IsNullOrWhiteSpace(latestMessage))
            return [.. candidates.Take(settings.RecallCount).Select(f => f.Text)];

        var query = (await embeddings.GenerateAsync([latestMessage], cancellationToken: cancellationToken))[0].Vector.ToArray();
        return [.. candidates
            .Select(f => (Fact: f, Score: f.Embedding.Length == 0 ? settings.RecallThreshold : Cosine(query, f.Embedding)))
            .Where(s => s.Score >= settings.RecallThreshold)
            .OrderByDescending(s => s.Score)
            .Take(settings.RecallCount)
            .Select(s => s.Fact.Text)];
    }

    static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length && i < b.Length; i++)
        {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.Sqrt(na * nb);
    }
}
