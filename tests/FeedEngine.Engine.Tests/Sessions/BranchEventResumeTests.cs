using static FeedEngine.Engine.Tests.Sessions.EngineCluster;

namespace FeedEngine.Engine.Tests.Sessions;

/// <summary>
/// The <c>branch</c> event belongs to no turn but is stored with the session: a co-play participant who was away while
/// the owner branched gets it exactly once, in its place, even when the session has moved (deactivated) meanwhile.
/// </summary>
[Collection(EngineClusterCollection.Name)]
public sealed class BranchEventResumeTests(EngineCluster engine)
{
    async Task<(string Owner, string Participant, ISessionGrain Session, long SeenSeq)> RoomWithOneExchangeAsync()
    {
        var (owner, session, _) = await engine.StartAsync();
        var participant = "viewer-" + Guid.NewGuid().ToString("n");
        var code = Ok(await session.ShareAsync(owner));
        Ok(await session.JoinAsync(participant, code));
        var first = "First " + Guid.NewGuid().ToString("n");
        engine.Model.Reply(first, "The fog rolls in.");
        var (receipt, _) = await SendAsync(session, owner, first);
        // The participant has seen everything so far, then drops.
        var seen = await ReadAsync(session, participant, 0, receipt.ReplyTurnSeq);
        return (owner, participant, session, seen[^1].Seq);
    }

    [Fact]
    public async Task Resume_afterABranchWhileAway_andTheSessionMoved_getsTheBranchEventOnceInItsPlace()
    {
        var (owner, participant, session, seenSeq) = await RoomWithOneExchangeAsync();
        var branched = Ok(await session.BranchAsync(owner, 0));
        var second = "Second " + Guid.NewGuid().ToString("n");
        engine.Model.Reply(second, "A bell rings.");
        var (receipt, _) = await SendAsync(session, owner, second);
        var live = await ReadAsync(session, owner, seenSeq, receipt.ReplyTurnSeq);

        await engine.Cluster.DeactivateAsync(session);
        var resumed = await ReadAsync(session, participant, seenSeq, receipt.ReplyTurnSeq);

        var branch = Assert.Single(resumed, e => e.Kind == SessionEventKind.Branch);
        Assert.Equal(seenSeq + 1, branch.Seq);
        Assert.Equal(branched.BranchId, branch.BranchId);
        Assert.Contains("Reload the session", branch.Text, StringComparison.Ordinal);
        Assert.Equal(live, resumed);
        Assert.Equal(Enumerable.Range(0, resumed.Count).Select(i => seenSeq + 1 + i), resumed.Select(e => e.Seq));
    }

    [Fact]
    public async Task Resume_afterASwitchThatWasTheLastEvent_getsBothBranchEventsFromTheSessionDocument()
    {
        var (owner, participant, session, seenSeq) = await RoomWithOneExchangeAsync();
        Ok(await session.BranchAsync(owner, 0));
        var back = Ok(await session.SwitchBranchAsync(owner, "main"));

        await engine.Cluster.DeactivateAsync(session);
        var resumed = new List<SessionEvent>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        // Nothing follows the switch in storage or memory; the read would wait for live events, so stop at the last one.
        await foreach (var item in session.ReadAsync(new SessionRead { ViewerId = participant, AfterSeq = seenSeq }, timeout.Token))
        {
            resumed.Add(item);
            if (item.Seq >= back.LastEventSeq) break;
        }

        Assert.Equal([(seenSeq + 1, "b1"), (seenSeq + 2, "main")], resumed.Select(e => (e.Seq, e.BranchId)));
        Assert.All(resumed, e => Assert.Equal(SessionEventKind.Branch, e.Kind));
        Assert.Equal(back.LastEventSeq, resumed[^1].Seq);
        var stored = (await engine.Sessions.FindAsync(back.SessionId))!.BranchEvents;
        Assert.Equal([seenSeq + 1, seenSeq + 2], stored.Select(b => b.Seq));
    }
}
