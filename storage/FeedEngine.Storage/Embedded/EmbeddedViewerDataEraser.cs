using FeedEngine.Storage.Memory;
using FeedEngine.Storage.Sessions;
using FeedEngine.Storage.State;
using FeedEngine.Storage.Users;
using FeedEngine.Storage.Viewers;

namespace FeedEngine.Storage.Embedded;

sealed class EmbeddedViewerDataEraser(EmbeddedDatabase database) : IViewerDataEraser
{
    public Task<ViewerErasure> EraseAsync(string viewerId, DateTime at, CancellationToken cancellationToken = default)
    {
        var sessions = database.Collection<SessionDocument>("sessions");
        var turns = database.Collection<TurnDocument>("turns");
        var preview = ViewerTombstone.PreviewOwner(viewerId);
        lock (database.WriteGate)
        {
            var sessionIds = sessions.Find(s => s.OwnerId == viewerId || s.OwnerId == preview).Select(s => s.Id).ToList();
            long turnCount = 0;
            foreach (var sessionId in sessionIds) turnCount += turns.DeleteMany(t => t.SessionId == sessionId);
            var sessionCount = sessions.DeleteMany(s => s.OwnerId == viewerId || s.OwnerId == preview);
            var facts = database.Collection<MemoryFactDocument>("memoryFacts").DeleteMany(f => f.ViewerId == viewerId);
            var states = database.Collection<PostStateDocument>("postStates").DeleteMany(s => s.ViewerId == viewerId);
            var profiles = database.Collection<ViewerProfileDocument>("viewerProfiles");
            var tombstone = ViewerTombstone.For(viewerId, at);
            tombstone.Version = 1;
            profiles.Upsert(tombstone);
            var account = database.Collection<UserDocument>("users").Delete(viewerId);
            return Task.FromResult(new ViewerErasure(sessionCount, turnCount, facts, states, account));
        }
    }
}
