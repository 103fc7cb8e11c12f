using FeedEngine.Storage;
using FeedEngine.Storage.Sessions;
using static FeedEngine.Engine.Tests.Sessions.EngineCluster;

namespace FeedEngine.Engine.Tests.Sessions;

[Collection(EngineClusterCollection.Name)]
public sealed class SessionResumeTests(EngineCluster engine)
{
    [Fact]
    public async Task Read_readerLeavesMidReply_theReplyGoesOnAndAResumeGetsExactlyTheRest()
    {
        var (viewer, session, snapshot) = await engine.StartAsync();
        var words = Words(60);
        engine.Model.Reply("Go on.", new Script(words, TimeSpan.FromMilliseconds(10)));
        var receipt = Ok(await session.SendAsync(Message(viewer, "Go on.")));

        var seen = new List<SessionEvent>();
        await foreach (var item in session.ReadAsync(new SessionRead { ViewerId = viewer, AfterSeq = receipt.AfterSeq }))
        {
            seen.Add(item);
            if (seen.Count(e => e.Kind == SessionEventKind.Token) == 2) break;
        }
        var rest = await ReadAsync(session, viewer, seen[^1].Seq, receipt.ReplyTurnSeq);

        var all = seen.Concat(rest).ToList();
        Assert.Equal(Enumerable.Range(1, all.Count).Select(i => (long)i), all.Select(e => e.Seq));
        Assert.Equal(string.Concat(words), Tokens(all));
        Assert.Equal(string.Concat(words), (await engine.Turns.ListAsync(snapshot.SessionId))[^1].Text);
    }

    [Fact]
    public async Task Read_afterTheGrainMoved_replaysTheStoredEventsExactlyAsSentLive()
    {
        var (viewer, session, _) = await engine.StartAsync();
        engine.Model.Reply("One.", new Script(Words(30), TimeSpan.FromMilliseconds(2)));
        engine.Model.Reply("Two.", "A short one.", "<state>{\"set\":{\"location\":\"cave\"}}</state>");
        var (_, first) = await SendAsync(session, viewer, "One.");
        var (second, secondEvents) = await SendAsync(session, viewer, "Two.");
        var live = first.Concat(secondEvents).ToList();

        await engine.Cluster.DeactivateAsync(session);
        var replayed = await ReadAsync(session, viewer, 0, second.ReplyTurnSeq);
        var fromMiddle = await ReadAsync(session, viewer, live[3].Seq, second.ReplyTurnSeq);

        Assert.Equal(live, replayed);
        Assert.Equal(live.Skip(4), fromMiddle);
    }

    [Fact]
    public async Task Snapshot_duringAReply_showsItInProgressWithExactlyTheTextUpToLastEventSeq()
    {
        var (viewer, session, _) = await engine.StartAsync();
        engine.Model.Reply("Slowly.", new Script(Words(20), TimeSpan.FromMilliseconds(15)));
        var receipt = Ok(await session.SendAsync(Message(viewer, "Slowly.")));
        await foreach (var item in session.ReadAsync(new SessionRead { ViewerId = viewer, AfterSeq = receipt.AfterSeq }))
        {
            if (item.Kind == SessionEventKind.Token) break;
        }

        var snapshot = Ok(await session.GetSnapshotAsync(viewer));
        var upToSnapshot = await ReadUpToAsync(session, viewer, receipt.AfterSeq, snapshot.LastEventSeq);

        var last = snapshot.Turns[^1];
        Assert.Equal((receipt.ReplyTurnSeq, SessionTurnStatus.InProgress), (last.Seq, last.Status));
        Assert.Equal(Tokens(upToSnapshot), last.Text);
        Assert.NotEqual("", last.Text);
        await ReadAsync(session, viewer, snapshot.LastEventSeq, receipt.ReplyTurnSeq);
    }

    [Fact]
    public async Task Deactivate_midReply_storesThePartialTurnAsInterruptedForAResumeElsewhere()
    {
        var (viewer, session, snapshot) = await engine.StartAsync();
        // Long enough to pass the safety filters' hold-back windows; what they still hold is released when the reply ends.
        const string said = "Beginning of it, and a good deal more after that, enough to pass the filters' windows.";
        engine.Model.Reply("Keep talking.", new Script(["Beginning ", "of ", "it", said["Beginning of it".Length..]], TimeSpan.FromMilliseconds(5), holdOpen: true));
        var receipt = Ok(await session.SendAsync(Message(viewer, "Keep talking.")));
        var seen = new List<SessionEvent>();
        await foreach (var item in session.ReadAsync(new SessionRead { ViewerId = viewer, AfterSeq = receipt.AfterSeq }))
        {
            seen.Add(item);
            if (Tokens(seen).StartsWith("Beginning of it", StringComparison.Ordinal)) break;
        }

        await engine.Cluster.DeactivateAsync(session);
        var rest = await ReadAsync(session, viewer, seen[^1].Seq, receipt.ReplyTurnSeq);

        Assert.Equal(SessionStatusCode.Interrupted, Assert.Single(rest, e => e.Kind == SessionEventKind.Status).Status!.Code);
        Assert.Equal((SessionTurnStatus.Interrupted, said), (rest[^1].TurnStatus, rest[^1].Text));
        Assert.Equal(TurnStatus.Interrupted, (await engine.Turns.ListAsync(snapshot.SessionId))[^1].Status);
    }

    [Fact]
    public async Task Activate_messageWhoseReplyWasLost_closesItWithAnInterruptedReply()
    {
        var (viewer, session, snapshot) = await engine.StartAsync();
        await engine.Cluster.DeactivateAsync(session);
        // As if the process died after storing the message and before the reply.
        Assert.Equal(WriteOutcome.Ok, await engine.Turns.AppendAsync(new TurnDocument
        {
            SessionId = snapshot.SessionId,
            Seq = 1,
            Role = TurnRole.Viewer,
            AuthorId = viewer,
            Text = "Hello?",
            FirstEventSeq = 1,
            LastEventSeq = 1,
            Events = [new TurnEvent { Seq = 1, Kind = TurnEventKind.Message }],
            IdempotencyKey = $"{snapshot.SessionId}:lost:message",
        }));

        var after = Ok(await session.GetSnapshotAsync(viewer));
        var events = await ReadAsync(session, viewer, 0, 2);

        Assert.Equal(["Hello?", ""], after.Turns.Select(t => t.Text));
        Assert.Equal(SessionTurnStatus.Interrupted, after.Turns[^1].Status);
        Assert.Equal([SessionEventKind.Message, SessionEventKind.Status, SessionEventKind.Turn], events.Select(e => e.Kind));
        // The lost reply may have streamed events up to the session's reservation: the new ones come after it.
        Assert.Equal([1L, FeedEngine.Engine.Sessions.SessionGrain.SeqBlock + 1, FeedEngine.Engine.Sessions.SessionGrain.SeqBlock + 2], events.Select(e => e.Seq));
        Assert.Equal(FeedEngine.Engine.Sessions.SessionGrain.SeqBlock + 2, after.LastEventSeq);
        var (_, next) = await SendAsync(session, viewer, "Anyone?");
        Assert.Equal(3L, next[^1].TurnSeq - 1);
    }

    [Fact]
    public async Task Read_withoutAnEnd_followsTheSessionLiveUntilTheReaderStops()
    {
        var (viewer, session, _) = await engine.StartAsync();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var turnsSeen = 0;
        var follower = Task.Run(async () =>
        {
            var events = new List<SessionEvent>();
            try
            {
                await foreach (var item in session.ReadAsync(new SessionRead { ViewerId = viewer, AfterSeq = 0 }, stop.Token))
                {
                    events.Add(item);
                    if (item.Kind == SessionEventKind.Turn && ++turnsSeen == 2) stop.Cancel();
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
            }
            return events;
        });

        await SendAsync(session, viewer, "First.");
        await SendAsync(session, viewer, "Second.");
        var followed = await follower;

        Assert.Equal(2, followed.Count(e => e.Kind == SessionEventKind.Message));
        Assert.Equal(Enumerable.Range(1, followed.Count).Select(i => (long)i), followed.Select(e => e.Seq));
    }

    static async Task<List<SessionEvent>> ReadUpToAsync(ISessionGrain session, string viewer, long afterSeq, long lastSeq)
    {
        var events = new List<SessionEvent>();
        if (lastSeq <= afterSeq) return events;
        await foreach (var item in session.ReadAsync(new SessionRead { ViewerId = viewer, AfterSeq = afterSeq }))
        {
            events.Add(item);
            if (item.Seq == lastSeq) break;
        }
        return events;
    }
}
