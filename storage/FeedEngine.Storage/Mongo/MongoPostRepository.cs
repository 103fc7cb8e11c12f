using FeedEngine.Storage.Posts;
using MongoDB.Driver;

namespace FeedEngine.Storage.Mongo;

sealed class MongoPostRepository(MongoStore store) : IPostRepository
{
    readonly IMongoCollection<PostDocument> posts = store.Posts;
    readonly IMongoCollection<PostVersionDocument> versions = store.PostVersions;

    public Task<WriteOutcome> InsertAsync(PostDocument post, CancellationToken cancellationToken = default) =>
        store.InsertVersionedAsync(posts, post, cancellationToken);

    public async Task<PostDocument?> FindAsync(string postId, CancellationToken cancellationToken = default) =>
        await posts.Find(p => p.Id == postId).FirstOrDefaultAsync(cancellationToken);

    public Task<WriteOutcome> UpdateAsync(PostDocument post, CancellationToken cancellationToken = default) =>
        store.ReplaceVersionedAsync(posts, post, cancellationToken);

    public Task<PublishResult> PublishAsync(PostDocument post, string idempotencyKey, DateTime publishedAt, CancellationToken cancellationToken = default) =>
        PublishContentAsync(post, idempotencyKey, publishedAt, fromVersion: null, cancellationToken);

    public Task<PublishResult> RestoreAsync(PostDocument post, int fromVersion, string idempotencyKey, DateTime publishedAt, CancellationToken cancellationToken = default) =>
        PublishContentAsync(post, idempotencyKey, publishedAt, fromVersion, cancellationToken);

    /// <remarks>
    /// Two writes, each decided by the server: the immutable version document first (its <c>_id</c> claims the
    /// number, its unique idempotency key claims the request), then the versioned replace that points the post at it.
    /// If the replace loses (the post changed since it was read), the version document is removed again.
    /// A process that dies between the two writes leaves a version that the post does not point at; a retry with
    /// the same key reports it as the earlier version.
    /// </remarks>
    async Task<PublishResult> PublishContentAsync(PostDocument post, string idempotencyKey, DateTime publishedAt, int? fromVersion, CancellationToken cancellationToken)
    {
        await store.EnsureReadyAsync(cancellationToken);
        if (await versions.Find(v => v.IdempotencyKey == idempotencyKey).FirstOrDefaultAsync(cancellationToken) is { } repeated)
            return new PublishResult(WriteOutcome.Duplicate, repeated.Number);

        var content = post.Draft;
        if (fromVersion is { } source)
        {
            if (await FindVersionAsync(post.Id, source, cancellationToken) is not { } restored)
                return await FindAsync(post.Id, cancellationToken) is { } current
                    ? new PublishResult(WriteOutcome.NotFound, current.PublishedVersion)
                    : new PublishResult(WriteOutcome.NotFound, 0);
            content = restored.Content;
        }

        var number = post.PublishedVersion + 1;
        var version = new PostVersionDocument
        {
            Id = PostVersionDocument.MakeId(post.Id, number),
            PostId = post.Id,
            Number = number,
            Content = content.Copy(),
            PublishedAt = publishedAt,
            IdempotencyKey = idempotencyKey,
            RestoredFrom = fromVersion,
        };
        if (await MongoStore.TryInsertAsync(versions, version, cancellationToken) != WriteOutcome.Ok)
        {
            if (await versions.Find(v => v.IdempotencyKey == idempotencyKey).FirstOrDefaultAsync(cancellationToken) is { } earlier)
                return new PublishResult(WriteOutcome.Duplicate, earlier.Number);
            // The number is taken by another publish: the post moved on since it was read.
            return await NotPublishedAsync(post.Id, cancellationToken);
        }

        var before = (post.PublishedVersion, post.Published, post.PublishedAt, post.Status, post.UpdatedAt);
        post.PublishedVersion = number;
        post.Published = content.Copy();
        post.PublishedAt = publishedAt;
        post.Status = PostStatus.Published;
        post.UpdatedAt = publishedAt;
        var outcome = await store.ReplaceVersionedAsync(posts, post, cancellationToken);
        if (outcome == WriteOutcome.Ok) return new PublishResult(WriteOutcome.Ok, number);

        (post.PublishedVersion, post.Published, post.PublishedAt, post.Status, post.UpdatedAt) = before;
        await versions.DeleteOneAsync(v => v.Id == version.Id && v.IdempotencyKey == idempotencyKey, CancellationToken.None);
        return await NotPublishedAsync(post.Id, cancellationToken);
    }

    async Task<PublishResult> NotPublishedAsync(string postId, CancellationToken cancellationToken) =>
        await FindAsync(postId, cancellationToken) is { } current
            ? new PublishResult(WriteOutcome.Conflict, current.PublishedVersion)
            : new PublishResult(WriteOutcome.NotFound, 0);

    public async Task<PostVersionDocument?> FindVersionAsync(string postId, int number, CancellationToken cancellationToken = default)
    {
        var id = PostVersionDocument.MakeId(postId, number);
        return await versions.Find(v => v.Id == id).FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<PostVersionDocument>> ListVersionsAsync(string postId, CancellationToken cancellationToken = default) =>
        await versions.Find(v => v.PostId == postId).SortByDescending(v => v.Number).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<PostDocument>> ListPublishedAsync(FeedPageQuery query, CancellationToken cancellationToken = default)
    {
        var f = Builders<PostDocument>.Filter;
        var allowed = Enum.GetValues<AgeRating>().Where(r => r <= query.MaxAgeRating).ToArray();
        var filter = f.Eq(p => p.Status, PostStatus.Published) & f.In(p => p.Published!.AgeRating, allowed)
            & f.Nin(p => p.Published!.Visibility, [PostVisibility.Unlisted, PostVisibility.Private]);
        if (query.ExcludedCreatorIds.Count > 0) filter &= f.Nin(p => p.CreatorId, query.ExcludedCreatorIds);
        if (query.BeforePublishedAt is { } before)
        {
            // The outer bound keeps the index scan tight whichever way the planner takes the $or.
            filter &= f.Lte(p => p.PublishedAt, before)
                & (f.Lt(p => p.PublishedAt, before) | (f.Eq(p => p.PublishedAt, before) & f.Lt(p => p.Id, query.BeforeId ?? "")));
        }
        return await posts.Find(filter)
            .SortByDescending(p => p.PublishedAt).ThenByDescending(p => p.Id)
            .Limit(query.Limit)
            .ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<PostDocument>> ListByCreatorAsync(string creatorId, CancellationToken cancellationToken = default) =>
        await posts.Find(p => p.CreatorId == creatorId)
            .SortByDescending(p => p.UpdatedAt).ThenByDescending(p => p.Id)
            .ToListAsync(cancellationToken);

    public Task<long> CountAsync(CancellationToken cancellationToken = default) =>
        posts.CountDocumentsAsync(FilterDefinition<PostDocument>.Empty, cancellationToken: cancellationToken);
}
