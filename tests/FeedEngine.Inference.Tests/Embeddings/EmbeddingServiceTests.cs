using FeedEngine.Inference.Embeddings;

namespace FeedEngine.Inference.Tests.Embeddings;

public sealed class EmbeddingServiceTests
{
    static readonly EmbeddingService Shared = new(cacheCapacity: 100, batchSize: 4);

    [Fact]
    public async Task GenerateAsync_similar_sentences_score_higher_than_unrelated_ones()
    {
        var vectors = await Shared.GenerateAsync(["The cat sleeps on the sofa.", "A kitten is napping on the couch.", "Quarterly tax filings are due in April."]);

        var similar = EmbeddingService.Similarity(vectors[0].Vector.Span, vectors[1].Vector.Span);
        var unrelated = EmbeddingService.Similarity(vectors[0].Vector.Span, vectors[2].Vector.Span);

        Assert.True(similar > unrelated + 0.2f, $"similar {similar:0.00} vs unrelated {unrelated:0.00}");
        Assert.All(vectors, v => Assert.Equal(EmbeddingService.Dimensions, v.Vector.Length));
        Assert.Equal(1f, EmbeddingService.Similarity(vectors[0].Vector.Span, vectors[0].Vector.Span), 3);
    }

    [Fact]
    public async Task GenerateAsync_batches_and_caches_repeated_texts()
    {
        using var service = new EmbeddingService(cacheCapacity: 8, batchSize: 3);
        var texts = Enumerable.Range(0, 7).Select(i => $"Sentence number {i} about dragons.").ToArray();

        var first = await service.GenerateAsync([.. texts, texts[0]]);
        Assert.Equal(8, first.Count);
        Assert.Equal(7, service.Encoded);
        Assert.Equal(first[0].Vector.ToArray(), first[7].Vector.ToArray());

        var again = await service.GenerateAsync([texts[3], texts[5]]);
        Assert.Equal(7, service.Encoded);
        Assert.Equal(first[3].Vector.ToArray(), again[0].Vector.ToArray());
    }

    [Fact]
    public async Task Cache_is_bounded_and_drops_the_least_recently_used()
    {
        using var service = new EmbeddingService(cacheCapacity: 2, batchSize: 8);
        await service.GenerateAsync(["one", "two"]);
        await service.GenerateAsync(["one"]);
        await service.GenerateAsync(["three"]);
        Assert.Equal(2, service.CachedCount);
        var before = service.Encoded;
        await service.GenerateAsync(["one"]);
        Assert.Equal(before, service.Encoded);
        await service.GenerateAsync(["two"]);
        Assert.Equal(before + 1, service.Encoded);
    }

    [Fact]
    public async Task GenerateAsync_empty_and_hostile_text_still_embeds()
    {
        var vectors = await Shared.GenerateAsync(["", new string('x', 20_000), "\u0000\ud83d\ude00<script>"]);
        Assert.Equal(3, vectors.Count);
        Assert.All(vectors, v => Assert.True(v.Vector.Span.ContainsAnyExcept(0f), "a vector of zeros"));
    }
}
