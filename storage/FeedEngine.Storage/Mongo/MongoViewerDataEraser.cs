using FeedEngine.Storage.Sessions;
using FeedEngine.Storage.Viewers;
using MongoDB.Driver;

namespace FeedEngine.Storage.Mongo;

sealed class MongoViewerDataEraser(MongoStore store) : IViewerDataEraser
{
    public async Task<ViewerErasure> EraseAsync(string viewerId, DateTime at, CancellationToken cancellationToken = default)
    {
        await store.EnsureReadyAsync(cancellationToken);
        var preview = ViewerTombstone.PreviewOwner(viewerId);
        var owned = Builders<SessionDocument>.Filter.In(s => s.OwnerId, [viewerId, preview]);
        var sessionIds = await store.Sessions.Find(owned).Project(s => s.Id).ToListAsync(cancellationToken);
        long turnCount = 0;
        foreach (var batch in sessionIds.Chunk(500))
            turnCount += (await store.Turns.DeleteManyAsync(Builders<TurnDocument>.Filter.In(t => t.SessionId, batch), cancellationToken)).DeletedCount;
        var sessionCount = (await store.Sessions.DeleteManyAsync(owned, cancellationToken)).DeletedCount;
        var facts = (await store.MemoryFacts.DeleteManyAsync(f => f.ViewerId == viewerId, cancellationToken)).DeletedCount;
        var states = (await store.PostStates.DeleteManyAsync(s => s.ViewerId == viewerId, cancellationToken)).DeletedCount;
        var tombstone = ViewerTombstone.For(viewerId, at);
        tombstone.Version = 1;
        await store.ViewerProfiles.ReplaceOneAsync(p => p.Id == viewerId, tombstone, new ReplaceOptions { IsUpsert = true }, cancellationToken);
        var account = (await store.Users.DeleteOneAsync(u => u.Id == viewerId, cancellationToken)).DeletedCount > 0;
        return new ViewerErasure(sessionCount, turnCount, facts, states, account);
    }
}
