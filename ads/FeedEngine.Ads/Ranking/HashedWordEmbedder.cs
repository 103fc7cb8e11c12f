using Microsoft.Extensions.AI;

namespace FeedEngine.Ads.Ranking;

/// <summary>
/// A lexical embedding: each lower-cased word (and its 4-letter prefix) hashed into a fixed number of dimensions.
/// Deterministic and instant; used where no model embedder is registered and by tests and the benchmark. Texts that
/// share words are similar; synonyms are not (the MiniLM embedder of <c>AddInference</c> handles those).
/// </summary>
public sealed class HashedWordEmbedder(int dimensions = 256) : IEmbeddingGenerator<string, Embedding<float>>
{
    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var result = new GeneratedEmbeddings<Embedding<float>>();
        foreach (var value in values) result.Add(new Embedding<float>(Embed(value)));
        return Task.FromResult(result);
    }

    public float[] Embed(string text)
    {
        var vector = new float[dimensions];
        foreach (var word in text.ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            var clean = new string([.. word.Where(char.IsLetterOrDigit)]);
            if (clean.Length == 0) continue;
            vector[Bucket(clean)] += 1;
            if (clean.Length > 4) vector[Bucket("#" + clean[..4])] += 0.5f;
        }
        return vector;
    }

    /// <summary>FNV-1a over the UTF-16 code units: stable across processes, unlike <see cref="string.GetHashCode()"/>.</summary>
    int Bucket(string token)
    {
        var hash = 2166136261u;
        foreach (var c in token) hash = (hash ^ c) * 16777619u;
        return (int)(hash % (uint)dimensions);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }
}
