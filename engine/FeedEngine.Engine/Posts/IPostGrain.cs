namespace FeedEngine.Engine.Posts;

/// <summary>A post's published program, cached. Key: the post id.</summary>
[Alias("feed.post")]
public interface IPostGrain : IGrainWithStringKey
{
    /// <summary>The latest published version; null when the post does not exist or is not published.</summary>
    [Alias("published")]
    Task<PostProgram?> GetPublishedAsync();

    /// <summary>One published version (immutable, cached for the life of the grain); null when there is no such version.</summary>
    [Alias("version")]
    Task<PostProgram?> GetVersionAsync(int version);
}
