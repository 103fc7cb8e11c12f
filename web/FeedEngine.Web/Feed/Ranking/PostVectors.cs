using FeedEngine.Storage.Posts;
using Microsoft.Extensions.AI;

namespace FeedEngine.Web.Feed.Ranking;

/// <summary>
/// Posts' embeddings for ranking: all-MiniLM-L6-v2 over the card text (title, hook, tags). The embedding service caches
/// vectors by text, so a post is encoded once per process and again only when its published card changes.
/// </summary>
public sealed class PostVectors(IEmbeddingGenerator<string, Embedding<float>> embeddings)
{
    public static string TextOf(PostDocument post) =>
        post.Published is { } c ? $"{c.Title}. {c.Hook}. {string.Join(", ", c.Tags)}" : post.Id;

    public async Task<float[]> GetAsync(PostDocument post, CancellationToken cancellationToken) =>
        (await embeddings.GenerateAsync([TextOf(post)], cancellationToken: cancellationToken))[0].Vector.ToArray();

    public async Task<IReadOnlyDictionary<string, float[]>> GetManyAsync(IReadOnlyList<PostDocument> posts, CancellationToken cancellationToken)
    {
        if (posts.Count == 0) return new Dictionary<string, float[]>();
        var generated = await embeddings.GenerateAsync(posts.Select(TextOf), cancellationToken: cancellationToken);
        var result = new Dictionary<string, float[]>(posts.Count, StringComparer.Ordinal);
        for (var i = 0; i < posts.Count; i++) result[posts[i].Id] = generated[i].Vector.ToArray();
        return result;
    }
}
