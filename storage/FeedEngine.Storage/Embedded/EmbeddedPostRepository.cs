using FeedEngine.Storage.Posts;
using LiteDB;

namespace FeedEngine.Storage.Embedded;

sealed class EmbeddedPostRepository : IPostRepository
{
    readonly EmbeddedDatabase database;
    readonly ILiteCollection<PostDocument> posts;
    readonly ILiteCollection<PostVersionDocument> versions;

    public EmbeddedPostRepository(EmbeddedDatabase database)
    {
        this.database = database;
        posts = database.Collection<PostDocument>("posts");
        posts.EnsureIndex(p => p.CreatorId);
        posts.EnsureIndex(p => p.PublishedAt);
        versions = database.Collection<PostVersionDocument>("postVersions");
        versions.EnsureIndex(v => v.IdempotencyKey, unique: true);
        versions.EnsureIndex(v => v.PostId);
    }

    public Task<WriteOutcome> InsertAsync(PostDocument post, CancellationToken cancellationToken = default) =>
        Task.FromResult(database.InsertVersioned(posts, post));

    public Task<PostDocument?> FindAsync(string postId, CancellationToken cancellationToken = default) =>
        Task.FromResult<PostDocument?>(posts.FindById(postId));

    public Task<WriteOutcome> UpdateAsync(PostDocument post, CancellationToken cancellationToken = default) =>
        Task.FromResult(database.ReplaceVersioned(posts, post));

    public Task<PublishResult> PublishAsync(PostDocument post, string idempotencyKey, DateTime publishedAt, CancellationToken cancellationToken = default) =>
        Task.FromResult(Publish(post, idempotencyKey, publishedAt, fromVersion: null));

    public Task<PublishResult> RestoreAsync(PostDocument post, int fromVersion, string idempotencyKey, DateTime publishedAt, CancellationToken cancellationToken = default) =>
        Task.FromResult(Publish(post, idempotencyKey, publishedAt, fromVersion));

    /// <summary>Freezes the draft, or the content of <paramref name="fromVersion"/>, as the next version; one writer at a time.</summary>
    PublishResult Publish(PostDocument post, string idempotencyKey, DateTime publishedAt, int? fromVersion)
    {
        lock (database.WriteGate)
        {
            if (versions.FindOne(v => v.IdempotencyKey == idempotencyKey) is { } earlier)
                return new PublishResult(WriteOutcome.Duplicate, earlier.Number);
            var current = posts.FindById(post.Id);
            if (current is null) return new PublishResult(WriteOutcome.NotFound, 0);
            if (current.Version != post.Version) return new PublishResult(WriteOutcome.Conflict, current.PublishedVersion);

            PostContent content;
            if (fromVersion is { } source)
            {
                if (versions.FindById(PostVersionDocument.MakeId(post.Id, source)) is not { } restored)
                    return new PublishResult(WriteOutcome.NotFound, current.PublishedVersion);
                content = restored.Content;
            }
            else content = post.Draft;

            var number = current.PublishedVersion + 1;
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
            var inserted = EmbeddedDatabase.TryInsert(versions, version);
            if (inserted != WriteOutcome.Ok) return new PublishResult(inserted, current.PublishedVersion);

            post.PublishedVersion = number;
            post.Published = content.Copy();
            post.PublishedAt = publishedAt;
            post.Status = PostStatus.Published;
            post.UpdatedAt = publishedAt;
            post.Version++;
            posts.Update(post);
            return new PublishResult(WriteOutcome.Ok, number);
        }
    }

    public Task<PostVersionDocument?> FindVersionAsync(string postId, int number, CancellationToken cancellationToken = default) =>
        Task.FromResult<PostVersionDocument?>(versions.FindById(PostVersionDocument.MakeId(postId, number)));

    public Task<IReadOnlyList<PostVersionDocument>> ListVersionsAsync(string postId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<PostVersionDocument>>([.. versions.Find(v => v.PostId == postId).OrderByDescending(v => v.Number)]);

    /// <remarks>
    /// Walks the publishedAt index newest first and stops once the page is full. The index orders by time only, so
    /// posts with equal timestamps are collected as a group and ordered by id (descending, ordinal) like the keyset.
    /// </remarks>
    public Task<IReadOnlyList<PostDocument>> ListPublishedAsync(FeedPageQuery query, CancellationToken cancellationToken = default)
    {
        var page = new List<PostDocument>();
        if (query.Limit <= 0) return Task.FromResult<IReadOnlyList<PostDocument>>(page);

        var candidates = posts.Query().Where(p => p.Status == PostStatus.Published);
        if (query.BeforePublishedAt is { } before) candidates = candidates.Where(p => p.PublishedAt <= before);
        var group = new List<PostDocument>();
        foreach (var post in candidates.OrderByDescending(p => p.PublishedAt).ToEnumerable())
        {
            if (post.Published is null || post.Published.AgeRating > query.MaxAgeRating || post.Published.Visibility != PostVisibility.Public) continue;
            if (query.ExcludedCreatorIds.Count > 0 && query.ExcludedCreatorIds.Contains(post.CreatorId)) continue;
            if (query.BeforePublishedAt is { } cursor && post.PublishedAt == cursor && string.CompareOrdinal(post.Id, query.BeforeId) >= 0) continue;
            if (group.Count > 0 && group[0].PublishedAt != post.PublishedAt)
            {
                Flush();
                if (page.Count >= query.Limit) break;
            }
            group.Add(post);
        }
        Flush();
        return Task.FromResult<IReadOnlyList<PostDocument>>(page.Count > query.Limit ? page[..query.Limit] : page);

        void Flush()
        {
            page.AddRange(group.OrderByDescending(p => p.Id, StringComparer.Ordinal));
            group.Clear();
        }
    }

    public Task<IReadOnlyList<PostDocument>> ListByCreatorAsync(string creatorId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<PostDocument>>(posts.Find(p => p.CreatorId == creatorId)
            .OrderByDescending(p => p.UpdatedAt).ThenByDescending(p => p.Id, StringComparer.Ordinal).ToList());

    public Task<long> CountAsync(CancellationToken cancellationToken = default) => Task.FromResult(posts.LongCount());
}
