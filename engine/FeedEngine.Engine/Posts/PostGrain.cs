using FeedEngine.Engine.Sessions;
using FeedEngine.Storage.Posts;
using Microsoft.Extensions.Options;

namespace FeedEngine.Engine.Posts;

/// <summary>
/// Caches a post's published versions. Versions never change, so they stay cached; which version is the latest is
/// re-read after <see cref="SessionOptions.PostRefreshSeconds"/>, so a new publication reaches new sessions.
/// </summary>
internal sealed class PostGrain(IPostRepository posts, IOptions<SessionOptions> options, TimeProvider time) : Grain, IPostGrain
{
    readonly Dictionary<int, PostProgram> versions = [];
    int? latest;
    long latestReadAt;

    public async Task<PostProgram?> GetPublishedAsync()
    {
        var postId = this.GetPrimaryKeyString();
        if (latest is null || time.GetElapsedTime(latestReadAt).TotalSeconds >= options.Value.PostRefreshSeconds)
        {
            var post = await posts.FindAsync(postId);
            latest = post is { Status: PostStatus.Published, PublishedVersion: > 0 } ? post.PublishedVersion : 0;
            latestReadAt = time.GetTimestamp();
        }
        return latest > 0 ? await GetVersionAsync(latest.Value) : null;
    }

    public async Task<PostProgram?> GetVersionAsync(int version)
    {
        if (versions.TryGetValue(version, out var cached)) return cached;
        if (await posts.FindVersionAsync(this.GetPrimaryKeyString(), version) is not { } document) return null;
        var program = PostProgram.From(document);
        versions[version] = program;
        return program;
    }
}
