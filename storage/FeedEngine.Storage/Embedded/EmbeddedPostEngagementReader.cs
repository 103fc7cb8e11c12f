using FeedEngine.Storage.Posts;
using FeedEngine.Storage.Sessions;
using LiteDB;

namespace FeedEngine.Storage.Embedded;

/// <summary>
/// <see cref="IPostEngagementReader"/> on LiteDB: one indexed <c>IN</c> query each over views, sessions and the counted
/// sessions' turns, whatever the batch size.
/// </summary>
sealed class EmbeddedPostEngagementReader : IPostEngagementReader
{
    readonly ILiteCollection<PostViewDocument> views;
    readonly ILiteCollection<SessionDocument> sessions;
    readonly ILiteCollection<TurnDocument> turns;

    public EmbeddedPostEngagementReader(EmbeddedDatabase database)
    {
        views = database.Collection<PostViewDocument>("postViews");
        views.EnsureIndex(v => v.PostId);
        sessions = database.Collection<SessionDocument>("sessions");
        sessions.EnsureIndex(s => s.PostId);
        turns = database.Collection<TurnDocument>("turns");
        turns.EnsureIndex(t => t.SessionId);
    }

    public Task<IReadOnlyDictionary<string, PostEngagementCounts>> ReadAsync(IReadOnlyCollection<string> postIds, DateTime since, CancellationToken cancellationToken = default)
    {
        var ids = PostEngagementTally.CheckIds(postIds);
        var tally = new PostEngagementTally(ids);
        if (ids.Length == 0) return Task.FromResult(tally.Result());
        var inPosts = Query.In("postId", new BsonArray(ids.Select(id => new BsonValue(id))));

        foreach (var view in views.Find(inPosts).Where(v => v.CreatedAt >= since))
            tally.AddViews(view.PostId, view.Kind == PostViewKind.View ? 1 : 0, view.Kind == PostViewKind.Open ? 1 : 0);

        var counted = sessions.Find(inPosts).Where(s => !s.Preview && s.CreatedAt >= since).ToList();
        cancellationToken.ThrowIfCancellationRequested();
        var found = counted.Count == 0 ? [] : turns.Find(Query.In("sessionId", new BsonArray(counted.Select(s => new BsonValue(s.Id)))));
        var viewerTurns = found.Where(ViewerActivity.IsViewerTurn)
            .ToLookup(t => t.SessionId, t => t.CreatedAt, StringComparer.Ordinal);
        foreach (var session in counted) tally.AddSession(session.PostId, session.OwnerId, session.CreatedAt, viewerTurns[session.Id]);
        return Task.FromResult(tally.Result());
    }
}
