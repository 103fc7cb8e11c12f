using FeedEngine.Storage.Posts;
using MongoDB.Driver;

namespace FeedEngine.Storage.Mongo;

sealed class MongoPostViewRepository(MongoStore store) : IPostViewRepository
{
    public const string CollectionName = "postViews";

    IMongoCollection<PostViewDocument> Views => store.Database.GetCollection<PostViewDocument>(CollectionName);

    public async Task<WriteOutcome> RecordAsync(PostViewDocument view, CancellationToken cancellationToken = default) =>
        await MongoStore.TryInsertAsync(Views, view, cancellationToken);

    public Task<long> CountAsync(string postId, PostViewKind kind, int? postVersion = null, CancellationToken cancellationToken = default) =>
        Views.CountDocumentsAsync(postVersion is { } version
            ? Builders<PostViewDocument>.Filter.Where(v => v.PostId == postId && v.Kind == kind && v.PostVersion == version)
            : Builders<PostViewDocument>.Filter.Where(v => v.PostId == postId && v.Kind == kind), cancellationToken: cancellationToken);
}
