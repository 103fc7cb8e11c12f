namespace FeedEngine.Storage.Posts;

/// <summary>What a viewer did with a post's feed card: it was shown to them, or they opened its conversation.</summary>
public enum PostViewKind { View, Open }

/// <summary>
/// One viewer's view (or open) of one post on one UTC day: counted once however often the card is shown that day.
/// The id is the dedup key (<see cref="IdOf"/>), so a repeat is a <see cref="WriteOutcome.Duplicate"/> and changes nothing.
/// </summary>
public sealed class PostViewDocument
{
    public string Id { get; set; } = "";
    public string PostId { get; set; } = "";
    public string ViewerId { get; set; } = "";
    public PostViewKind Kind { get; set; }

    /// <summary>The published version the card showed.</summary>
    public int PostVersion { get; set; }

    /// <summary>The UTC day, <c>yyyy-MM-dd</c>.</summary>
    public string Day { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    public static string IdOf(PostViewKind kind, string postId, string viewerId, string day) =>
        $"{(kind == PostViewKind.View ? "v" : "o")}:{postId}:{viewerId}:{day}";

    public static PostViewDocument For(PostViewKind kind, string postId, int postVersion, string viewerId, DateTime at)
    {
        var day = at.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return new PostViewDocument
        {
            Id = IdOf(kind, postId, viewerId, day),
            PostId = postId,
            ViewerId = viewerId,
            Kind = kind,
            PostVersion = postVersion,
            Day = day,
            CreatedAt = at,
        };
    }
}

/// <summary>Views and opens of posts' feed cards, once per viewer, post and UTC day, for creator analytics.</summary>
public interface IPostViewRepository
{
    /// <summary>Stores the view once; <see cref="WriteOutcome.Duplicate"/> when this viewer's view of the post that day is counted already.</summary>
    Task<WriteOutcome> RecordAsync(PostViewDocument view, CancellationToken cancellationToken = default);

    /// <summary>How many views (or opens) a post has: all versions, or the one given.</summary>
    Task<long> CountAsync(string postId, PostViewKind kind, int? postVersion = null, CancellationToken cancellationToken = default);
}
