using FeedEngine.Engine.Abstractions.Sessions;
using FeedEngine.Storage;
using FeedEngine.Storage.Posts;
using FeedEngine.Web.Feed.Ranking;

namespace FeedEngine.Web.Feed;

/// <summary>The feed's side of <see cref="IConversationSignals"/>: talking with a published post moves the viewer's interests towards it.</summary>
public sealed class ConversationSignals(IServiceScopeFactory scopes) : IConversationSignals
{
    public async Task TalkedAsync(string viewerId, string postId, int messages, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var posts = scope.ServiceProvider.GetRequiredService<IPostRepository>();
        if (await posts.FindAsync(postId, cancellationToken) is not { Status: PostStatus.Published } post) return;
        await scope.ServiceProvider.GetRequiredService<ViewerSignals>().MoveInterestsAsync(viewerId, post, InterestVector.TalkWeight, cancellationToken);
    }
}
