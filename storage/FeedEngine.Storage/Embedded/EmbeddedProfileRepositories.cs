using FeedEngine.Storage.State;
using FeedEngine.Storage.Viewers;
using LiteDB;

namespace FeedEngine.Storage.Embedded;

sealed class EmbeddedPostStateRepository(EmbeddedDatabase database) : IPostStateRepository
{
    readonly ILiteCollection<PostStateDocument> states = database.Collection<PostStateDocument>("postStates");

    public Task<PostStateDocument?> FindAsync(string viewerId, string postId, CancellationToken cancellationToken = default) =>
        Task.FromResult<PostStateDocument?>(states.FindById(PostStateDocument.MakeId(viewerId, postId)));

    public Task<WriteOutcome> SaveAsync(PostStateDocument state, CancellationToken cancellationToken = default)
    {
        state.Id = PostStateDocument.MakeId(state.ViewerId, state.PostId);
        return Task.FromResult(database.SaveVersioned(states, state));
    }
}

sealed class EmbeddedViewerProfileRepository(EmbeddedDatabase database) : IViewerProfileRepository
{
    readonly ILiteCollection<ViewerProfileDocument> profiles = database.Collection<ViewerProfileDocument>("viewerProfiles");

    public Task<ViewerProfileDocument?> FindAsync(string viewerId, CancellationToken cancellationToken = default) =>
        Task.FromResult<ViewerProfileDocument?>(profiles.FindById(viewerId));

    public Task<WriteOutcome> SaveAsync(ViewerProfileDocument profile, CancellationToken cancellationToken = default) =>
        Task.FromResult(database.SaveVersioned(profiles, profile));

    public Task<long> CountFollowersAsync(string creatorId, CancellationToken cancellationToken = default) =>
        Task.FromResult((long)profiles.Count(Query.Any().EQ("FollowedCreatorIds[*]", creatorId)));
}
