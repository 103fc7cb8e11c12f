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

        // The viewer was told while the write retried, and told again when it landed, just before the turn.
        var codes = events.Where(e => e.Kind == SessionEventKind.Status).Select(e => e.Status!.Code).ToList();
        Assert.Equal([SessionStatusCode.Saving, SessionStatusCode.Saved], codes);
        var saving = events.FindIndex(e => e.Status?.Code == SessionStatusCode.Saving);
        Assert.True(saving > events.FindLastIndex(e => e.Kind == SessionEventKind.Token), "the saving status comes after the streamed text");
        Assert.Equal(SessionEventKind.Turn, events[^1].Kind);
        Assert.Equal(SessionStatusCode.Saved, events[^2].Status?.Code);
        Assert.Contains("retrying", events[saving].Status!.Message, StringComparison.OrdinalIgnoreCase);
        // Stored with the turn, so a resume from storage replays the same events.
        Assert.Equal(events.Where(e => e.Kind != SessionEventKind.Message).Select(e => e.Seq), stored[1].Events.Select(e => e.Seq));
    }

    [Fact]
    public async Task StoreUp_replyStored_noSavingStatus()
    {
        var (viewer, session, sessionId) = await cluster.StartAsync();
        var receipt = Ok(await session.SendAsync(Message(viewer, "No outage " + sessionId)));

        var events = await ReadAsync(session, viewer, receipt.AfterSeq, receipt.ReplyTurnSeq);

        Assert.DoesNotContain(events, e => e.Kind == SessionEventKind.Status);
        Assert.Equal(FullReply, string.Concat(events.Where(e => e.Kind == SessionEventKind.Token).Select(e => e.Text)));
    }

}
