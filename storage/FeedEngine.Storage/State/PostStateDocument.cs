namespace FeedEngine.Storage.State;

/// <summary>A viewer's state in one post (score, location, clues...). Id: <c>{viewerId}:{postId}</c>.</summary>
public sealed class PostStateDocument : IVersionedDocument
{
    public string Id { get; set; } = "";
    public string ViewerId { get; set; } = "";
    public string PostId { get; set; } = "";
    public int PostVersion { get; set; }

    /// <summary>The variables and their values as a JSON object, validated by the engine against the post's schema.</summary>
    public string ValuesJson { get; set; } = "{}";

    public DateTime UpdatedAt { get; set; }
    public long Version { get; set; }

    public static string MakeId(string viewerId, string postId) => $"{viewerId}:{postId}";
}

public interface IPostStateRepository
{
    Task<PostStateDocument?> FindAsync(string viewerId, string postId, CancellationToken cancellationToken = default);

    /// <summary>Inserts when <c>state.Version</c> is 0 (a second insert is a duplicate), else a versioned replace.</summary>
    Task<WriteOutcome> SaveAsync(PostStateDocument state, CancellationToken cancellationToken = default);
}
