using FeedEngine.Storage.State;
using FeedEngine.Storage.Viewers;
using MongoDB.Driver;

namespace FeedEngine.Storage.Mongo;

sealed class MongoPostStateRepository(MongoStore store) : IPostStateRepository
{
    public async Task<PostStateDocument?> FindAsync(string viewerId, string postId, CancellationToken cancellationToken = default)
    {
        var id = PostStateDocument.MakeId(viewerId, postId);
        return await store.PostStates.Find(s => s.Id == id).FirstOrDefaultAsync(cancellationToken);
    }

    public Task<WriteOutcome> SaveAsync(PostStateDocument state, CancellationToken cancellationToken = default)
    {
        state.Id = PostStateDocument.MakeId(state.ViewerId, state.PostId);
        return store.SaveVersionedAsync(store.PostStates, state, cancellationToken);
    }
}

sealed class MongoViewerProfileRepository(MongoStore store) : IViewerProfileRepository
{
    public async Task<ViewerProfileDocument?> FindAsync(string viewerId, CancellationToken cancellationToken = default) =>
        await store.ViewerProfiles.Find(p => p.Id == viewerId).FirstOrDefaultAsync(cancellationToken);

    public Task<WriteOutcome> SaveAsync(ViewerProfileDocument profile, CancellationToken cancellationToken = default) =>
        store.SaveVersionedAsync(store.ViewerProfiles, profile, cancellationToken);

    public Task<long> CountFollowersAsync(string creatorId, CancellationToken cancellationToken = default) =>
        store.ViewerProfiles.CountDocumentsAsync(Builders<ViewerProfileDocument>.Filter.AnyEq(p => p.FollowedCreatorIds, creatorId), cancellationToken: cancellationToken);
}
