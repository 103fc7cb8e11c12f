using FeedEngine.Storage.Sessions;
using static FeedEngine.Cluster.Tests.Silos.SiloCluster;

namespace FeedEngine.Cluster.Tests.Silos;

/// <summary>
/// The reply's write lands but the store's answer is lost: the retry is a duplicate (nothing written twice), the viewer
/// was told "saving" then "saved", and the stored turn carries exactly the events that were sent.
/// </summary>
[Collection(SiloClusterCollection.Name)]
public sealed class LostStoreAnswerTests(SiloCluster cluster)
{
    [Fact]
    public async Task ReplyWriteLandsButItsAnswerIsLost_retryIsADuplicate_andTheStoredTurnMatchesWhatWasSent()
    {
        var (viewer, session, sessionId) = await cluster.StartAsync();
        var receipt = Ok(await session.SendAsync(Message(viewer, "Lost answer " + sessionId)));
        // The message is stored; the reply's write is the next turn write.
        cluster.Outage.LoseNextAnswers(1);

        var events = await ReadAsync(session, viewer, receipt.AfterSeq, receipt.ReplyTurnSeq);

        var codes = events.Where(e => e.Kind == SessionEventKind.Status).Select(e => e.Status!.Code).ToList();
        Assert.Equal([SessionStatusCode.Saving, SessionStatusCode.Saved], codes);
        Assert.Equal(Enumerable.Range(0, events.Count).Select(i => receipt.AfterSeq + 1 + i), events.Select(e => e.Seq));
        var stored = await cluster.StoredTurnsAsync(sessionId);
        Assert.Equal([1, 2], stored.Select(t => t.Seq));
        Assert.Equal((FullReply, TurnStatus.Complete), (stored[1].Text, stored[1].Status));
        // Stored as sent: every event of the reply, the statuses included, on the numbers the viewer got them.
        var sent = events.Where(e => e.Kind != SessionEventKind.Message).ToList();
        Assert.Equal(sent.Select(e => (e.Seq, e.Kind.ToString(), e.Status?.Code.ToString())),
            stored[1].Events.Select(e => (e.Seq, e.Kind.ToString(), e.StatusCode is { } code ? char.ToUpperInvariant(code[0]) + code[1..] : null)));
        Assert.Equal(events[^1].Seq, stored[1].LastEventSeq);

        // A resume from storage (here: from the stored turns, as another silo would) replays the same statuses.
        var fromStore = await cluster.Turns.ListFromEventAsync(sessionId, receipt.AfterSeq);
        Assert.Equal(sent.Select(e => e.Seq), fromStore.Single(t => t.Seq == 2).Events.Select(e => e.Seq));
    }
}
