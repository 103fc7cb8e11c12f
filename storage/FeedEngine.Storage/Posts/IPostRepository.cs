namespace FeedEngine.Storage.Posts;

public interface IPostRepository
{
    Task<WriteOutcome> InsertAsync(PostDocument post, CancellationToken cancellationToken = default);

    Task<PostDocument?> FindAsync(string postId, CancellationToken cancellationToken = default);

    /// <summary>Replaces the post when its stored version equals <c>post.Version</c>.</summary>
    Task<WriteOutcome> UpdateAsync(PostDocument post, CancellationToken cancellationToken = default);

    /// <summary>
    /// Freezes the post's draft as the next immutable version and points the post at it.
    /// The same <paramref name="idempotencyKey"/> twice gives the version the first call made, with <see cref="WriteOutcome.Duplicate"/>.
    /// A post changed since it was read gives <see cref="WriteOutcome.Conflict"/> and publishes nothing.
    /// </summary>
    Task<PublishResult> PublishAsync(PostDocument post, string idempotencyKey, DateTime publishedAt, CancellationToken cancellationToken = default);

    /// <summary>
    /// Rolls back: publishes the content of the earlier version <paramref name="fromVersion"/> again, as the next immutable
    /// version (marked <see cref="PostVersionDocument.RestoredFrom"/>), and points the post at it. The draft is left as it is.
    /// Idempotency and conflicts as in <see cref="PublishAsync"/>; <see cref="WriteOutcome.NotFound"/> when the post or
    /// that version does not exist.
    /// </summary>
    Task<PublishResult> RestoreAsync(PostDocument post, int fromVersion, string idempotencyKey, DateTime publishedAt, CancellationToken cancellationToken = default);

    Task<PostVersionDocument?> FindVersionAsync(string postId, int number, CancellationToken cancellationToken = default);

    /// <summary>Every published version of a post, newest first.</summary>
    Task<IReadOnlyList<PostVersionDocument>> ListVersionsAsync(string postId, CancellationToken cancellationToken = default);

    /// <summary>Published public posts (not unlisted or private ones), newest first, at most <see cref="FeedPageQuery.MaxAgeRating"/>.</summary>
    Task<IReadOnlyList<PostDocument>> ListPublishedAsync(FeedPageQuery query, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<PostDocument>> ListByCreatorAsync(string creatorId, CancellationToken cancellationToken = default);

    Task<long> CountAsync(CancellationToken cancellationToken = default);
}
