using FeedEngine.Storage.Sessions;
using static FeedEngine.Cluster.Tests.Silos.SiloCluster;

namespace FeedEngine.Cluster.Tests.Silos;

/// <summary>The store goes away for a few seconds while a reply ends: the turn write retries with backoff and lands once.</summary>
[Collection(SiloClusterCollection.Name)]
public sealed class StorageOutageTests(SiloCluster cluster)
{
    [Fact]
    public async Task StoreDown_whenTheReplyIsStored_retriesWithBackoff_storesTheTurnOnce_andTheViewerGetsAllOfIt()
    {
        var (viewer, session, sessionId) = await cluster.StartAsync();
        var receipt = Ok(await session.SendAsync(Message(viewer, "Through the outage " + sessionId)));
        var failuresBefore = cluster.Outage.Failures;
        // The next store calls fail: with backoff 200, 400, 800, 1600 ms the outage lasts about three seconds.
        cluster.Outage.FailNext(4);

        var events = await ReadAsync(session, viewer, receipt.AfterSeq, receipt.ReplyTurnSeq);

        Assert.Equal(4, cluster.Outage.Failures - failuresBefore);
        var stored = await cluster.StoredTurnsAsync(sessionId);
        Assert.Equal([1, 2], stored.Select(t => t.Seq));
        Assert.Equal((FullReply, TurnStatus.Complete), (stored[1].Text, stored[1].Status));
        Assert.Equal(FullReply, string.Concat(events.Where(e => e.Kind == SessionEventKind.Token).Select(e => e.Text)));
        Assert.Equal(Enumerable.Range(0, events.Count).Select(i => receipt.AfterSeq + 1 + i), events.Select(e => e.Seq));
    }

}
