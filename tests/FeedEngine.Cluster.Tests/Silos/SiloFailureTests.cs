using FeedEngine.Storage.Sessions;
using static FeedEngine.Cluster.Tests.Silos.SiloCluster;

namespace FeedEngine.Cluster.Tests.Silos;

/// <summary>A silo dies or leaves in the middle of conversations: sessions come back on another silo from storage.</summary>
[Collection(SiloClusterCollection.Name)]
public sealed class SiloFailureTests(SiloCluster cluster)
{
    [Fact]
    public async Task KillSilo_midReply_sessionReactivatesElsewhere_committedTurnsKeptOnce_cutReplyInterrupted()
    {
        var (viewer, session, sessionId) = await cluster.StartAsync();
        var first = Ok(await session.SendAsync(Message(viewer, "Before the crash " + sessionId)));
        await ReadAsync(session, viewer, first.AfterSeq, first.ReplyTurnSeq);

        var text = "During the crash " + sessionId;
        var second = Ok(await session.SendAsync(Message(viewer, text)));
        await ReadTokensAsync(session, viewer, second.AfterSeq, 3);
        var host = PacedChatClient.ServedBy[text];
        // The process is gone: its store calls fail and its model says nothing more, then the silo is killed.
        await cluster.CrashAsync(host, session, viewer);

        var afterCrash = await ReadAsync(session, viewer, second.AfterSeq, second.ReplyTurnSeq);
        var third = Ok(await session.SendAsync(Message(viewer, "After the crash " + sessionId)));
        await ReadAsync(session, viewer, third.AfterSeq, third.ReplyTurnSeq);

        var stored = await cluster.StoredTurnsAsync(sessionId);
        Assert.Equal([1, 2, 3, 4, 5, 6], stored.Select(t => t.Seq));
        Assert.Equal(FullReply, stored[1].Text);
        Assert.Equal(TurnStatus.Complete, stored[1].Status);
        Assert.Equal(text, stored[2].Text);
        Assert.Equal(TurnStatus.Interrupted, stored[3].Status);
        Assert.Contains(afterCrash, e => e.Kind == SessionEventKind.Turn && e.TurnSeq == second.ReplyTurnSeq && e.TurnStatus == SessionTurnStatus.Interrupted);
        Assert.Equal((FullReply, TurnStatus.Complete), (stored[5].Text, stored[5].Status));
        Assert.NotEqual(host, PacedChatClient.ServedBy["After the crash " + sessionId]);
    }

    [Fact]
    public async Task StopSilo_midReply_storesThePartialReplyAsInterrupted_andTheSessionGoesOnElsewhere()
    {
        var (viewer, session, sessionId) = await cluster.StartAsync();
        var text = "While the silo leaves " + sessionId;
        var receipt = Ok(await session.SendAsync(Message(viewer, text)));
        var seen = await ReadTokensAsync(session, viewer, receipt.AfterSeq, 3);
        var host = PacedChatClient.ServedBy[text];

        await cluster.LeaveAsync(host, session, viewer);

        var replayed = await ReadAsync(session, viewer, receipt.AfterSeq, receipt.ReplyTurnSeq);
        var next = Ok(await session.SendAsync(Message(viewer, "Go on " + sessionId)));
        await ReadAsync(session, viewer, next.AfterSeq, next.ReplyTurnSeq);

        var stored = await cluster.StoredTurnsAsync(sessionId);
        Assert.Equal([1, 2, 3, 4], stored.Select(t => t.Seq));
        var cut = stored[1];
        Assert.Equal(TurnStatus.Interrupted, cut.Status);
        Assert.StartsWith(string.Concat(seen.Where(e => e.Kind == SessionEventKind.Token).Select(e => e.Text)), cut.Text);
        Assert.True(cut.Text.Length < FullReply.Length && FullReply.StartsWith(cut.Text, StringComparison.Ordinal), cut.Text);
        Assert.Equal(cut.Text, string.Concat(replayed.Where(e => e.Kind == SessionEventKind.Token).Select(e => e.Text)));
        Assert.Equal((FullReply, TurnStatus.Complete), (stored[3].Text, stored[3].Status));
    }

    [Fact]
    public async Task KillSilo_midReply_clientResumesAfterTheLastEventItSaw_getsTheInterruptedTurn_nothingRepeated_thenRegenerates()
    {
        var (viewer, session, sessionId) = await cluster.StartAsync();
        var text = "Resume across the crash " + sessionId;
        var receipt = Ok(await session.SendAsync(Message(viewer, text)));
        var seen = await ReadTokensAsync(session, viewer, receipt.AfterSeq, 3);
        var lastSeen = seen[^1].Seq;
        var host = PacedChatClient.ServedBy[text];
        await cluster.CrashAsync(host, session, viewer);

        // The dead silo streamed seqs up to lastSeen (and maybe a few more); the new activation never reuses them.
        var resumed = await ReadAsync(session, viewer, lastSeen, receipt.ReplyTurnSeq);
        Assert.All(resumed, e => Assert.True(e.Seq > lastSeen, $"event {e.Seq} ({e.Kind}) repeats a number the client saw"));
        Assert.Equal(resumed.Select(e => e.Seq).Order(), resumed.Select(e => e.Seq));
        Assert.Equal(resumed.Count, resumed.Select(e => e.Seq).Distinct().Count());
        Assert.Contains(resumed, e => e.Kind == SessionEventKind.Status && e.Status!.Code == SessionStatusCode.Interrupted);
        var cut = Assert.Single(resumed, e => e.Kind == SessionEventKind.Turn);
        Assert.Equal((receipt.ReplyTurnSeq, SessionTurnStatus.Interrupted), (cut.TurnSeq!.Value, cut.TurnStatus!.Value));
        // A client that resumes from before the message gets the message, then the interrupted turn, in order.
        var fromStart = await ReadAsync(session, viewer, receipt.AfterSeq, receipt.ReplyTurnSeq);
        Assert.Equal(SessionEventKind.Message, fromStart[0].Kind);
        Assert.Equal(fromStart.Select(e => e.Seq).Order(), fromStart.Select(e => e.Seq));
        Assert.Equal(cut.Seq, fromStart[^1].Seq);

        // The interrupted reply can be regenerated on the silo that took the session over.
        var again = Ok(await session.RegenerateAsync(viewer, receipt.ReplyTurnSeq));
        var regenerated = await ReadAsync(session, viewer, again.AfterSeq, again.ReplyTurnSeq);
        Assert.Equal(FullReply, string.Concat(regenerated.Where(e => e.Kind == SessionEventKind.Token).Select(e => e.Text)));
        Assert.All(regenerated, e => Assert.True(e.Seq > cut.Seq));

        var stored = await cluster.StoredTurnsAsync(sessionId);
        Assert.Equal([1, 2, 3], stored.Select(t => t.Seq));
        Assert.Equal(TurnStatus.Interrupted, stored[1].Status);
        Assert.Equal((FullReply, TurnStatus.Complete), (stored[2].Text, stored[2].Status));
        Assert.NotEqual(TurnDocument.MainBranch, stored[2].BranchId);
        Assert.NotEqual(host, PacedChatClient.ServedBy[text]);
    }

    /// <summary>Reads live until <paramref name="tokens"/> token events arrived.</summary>
    static async Task<List<SessionEvent>> ReadTokensAsync(ISessionGrain session, string viewer, long afterSeq, int tokens)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var seen = new List<SessionEvent>();
        await foreach (var item in session.ReadAsync(new SessionRead { ViewerId = viewer, AfterSeq = afterSeq }, timeout.Token))
        {
            seen.Add(item);
            if (seen.Count(e => e.Kind == SessionEventKind.Token) == tokens) break;
        }
        return seen;
    }
}
