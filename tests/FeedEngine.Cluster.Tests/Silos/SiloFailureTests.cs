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
        var (fault, model) = cluster.Nodes[host];
        // The process is gone: its store calls fail and its model says nothing more, then the silo is killed.
        fault.Dead = true;
        model.Dead = true;
        await cluster.Cluster.KillSiloAsync(cluster.Cluster.Silos.Single(s => s.Name == host));

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

        await cluster.Cluster.StopSiloAsync(cluster.Cluster.Silos.Single(s => s.Name == host));

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
