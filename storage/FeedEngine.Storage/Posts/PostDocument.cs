namespace FeedEngine.Storage.Posts;

/// <summary>
/// Draft: never published. Published: its latest version is live. Unpublished: it was published and its creator took
/// it down (the versions stay; publishing again makes a new one). Archived: retired for good.
/// </summary>
public enum PostStatus { Draft, Published, Archived, Unpublished }

/// <summary>A creator's post: the editable draft plus a pointer to its latest immutable published version.</summary>
public sealed class PostDocument : IVersionedDocument
{
    public string Id { get; set; } = "";
    public string CreatorId { get; set; } = "";
    public string CreatorName { get; set; } = "";
    public PostStatus Status { get; set; }
    public PostContent Draft { get; set; } = new();

    /// <summary>0 until first published, then the number of the latest <see cref="PostVersionDocument"/>.</summary>
    public int PublishedVersion { get; set; }

    /// <summary>The published version's card fields, copied so the feed reads one collection.</summary>
    public PostContent? Published { get; set; }

    public DateTime? PublishedAt { get; set; }

    /// <summary>Set when an admin took the post down: it leaves the feed and may not be published again until cleared.</summary>
    public PostTakedown? Takedown { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public long Version { get; set; }
}

/// <summary>An admin's takedown of a post: when, why, and the report it resolved.</summary>
public sealed class PostTakedown
{
    public DateTime At { get; set; }
    public string Reason { get; set; } = "";
    public string? ReportId { get; set; }
    public string By { get; set; } = "";
}

/// <summary>An immutable snapshot of a post's content at publication. Id: <c>{postId}:v{number}</c>.</summary>
public sealed class PostVersionDocument
{
    public string Id { get; set; } = "";
    public string PostId { get; set; } = "";
    public int Number { get; set; }
    public PostContent Content { get; set; } = new();
    public DateTime PublishedAt { get; set; }

    /// <summary>The publish request's key; a repeated publish with the same key returns the same version.</summary>
    public string IdempotencyKey { get; set; } = "";

    /// <summary>Set when this version is a rollback: the number of the earlier version whose content it republished.</summary>
    public int? RestoredFrom { get; set; }

    public static string MakeId(string postId, int number) => $"{postId}:v{number}";
}

/// <summary>The result of a publish: the outcome and the version now current.</summary>
public sealed record PublishResult(WriteOutcome Outcome, int VersionNumber);

/// <summary>One page of published posts, newest first; keyset pagination on (publishedAt, id).</summary>
public sealed record FeedPageQuery(int Limit, DateTime? BeforePublishedAt = null, string? BeforeId = null, AgeRating MaxAgeRating = AgeRating.Everyone)
{
    /// <summary>Creators whose posts the viewer blocked; their posts are skipped.</summary>
    public IReadOnlyCollection<string> ExcludedCreatorIds { get; init; } = [];
}
