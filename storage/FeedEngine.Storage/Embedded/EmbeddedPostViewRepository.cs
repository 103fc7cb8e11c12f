using FeedEngine.Storage.Posts;
using LiteDB;

namespace FeedEngine.Storage.Embedded;

sealed class EmbeddedPostViewRepository : IPostViewRepository
{
    readonly ILiteCollection<PostViewDocument> views;

    public EmbeddedPostViewRepository(EmbeddedDatabase database)
    {
        views = database.Collection<PostViewDocument>("postViews");
        views.EnsureIndex(v => v.PostId);
    }

    public Task<WriteOutcome> RecordAsync(PostViewDocument view, CancellationToken cancellationToken = default) =>
        Task.FromResult(EmbeddedDatabase.TryInsert(views, view));

    public Task<long> CountAsync(string postId, PostViewKind kind, int? postVersion = null, CancellationToken cancellationToken = default) =>
        Task.FromResult<long>(postVersion is { } version
            ? views.Count(v => v.PostId == postId && v.Kind == kind && v.PostVersion == version)
            : views.Count(v => v.PostId == postId && v.Kind == kind));
}
