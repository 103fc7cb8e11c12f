using System.Diagnostics;
using FeedEngine.Inference.Scheduling;
using FeedEngine.Storage.Sessions;
using static FeedEngine.Engine.Tests.Sessions.EngineCluster;

namespace FeedEngine.Engine.Tests.Sessions;

[Collection(EngineClusterCollection.Name)]
public sealed class SessionReplyTests(EngineCluster engine)
{
    [Fact]
    public async Task Send_message_streamsFramesThenStoresTheTurnOnce()
    {
        var (viewer, session, snapshot) = await engine.StartAsync();
        engine.Model.Reply("I look around.", "The ", "harbor ", "is ", "grey ", "and ", "wet.");

        var (receipt, events) = await SendAsync(session, viewer, "I look around.");

        Assert.Equal(0, snapshot.LastEventSeq);
        Assert.Equal(0, receipt.AfterSeq);
        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.Seq));
        var message = events[0];
        Assert.Equal((SessionEventKind.Message, "I look around.", 1L, SessionRole.Viewer), (message.Kind, message.Text, message.TurnSeq, message.Role));
        var turn = events[^1];
        Assert.Equal((SessionEventKind.Turn, 2L, SessionTurnStatus.Complete), (turn.Kind, turn.TurnSeq, turn.TurnStatus));
        Assert.Equal("The harbor is grey and wet.", turn.Text);
        Assert.Equal(turn.Text, Tokens(events));

        var stored = await engine.Turns.ListAsync(snapshot.SessionId);
        Assert.Equal([TurnRole.Viewer, TurnRole.Post], stored.Select(t => t.Role));
        Assert.Equal(turn.Text, stored[1].Text);
        Assert.Equal((events[1].Seq, turn.Seq), (stored[1].FirstEventSeq, stored[1].LastEventSeq));
        var after = Ok(await session.GetSnapshotAsync(viewer));
        Assert.Equal(turn.Seq, after.LastEventSeq);
        Assert.Equal(["I look around.", turn.Text], after.Turns.Select(t => t.Text));
    }

    [Fact]
    public async Task Send_fastModel_coalescesTokensIntoFrames()
    {
        var (viewer, session, _) = await engine.StartAsync();
        var tokens = Enumerable.Range(0, 400).Select(i => $"w{i} ").ToArray();
        engine.Model.Reply("Tell me everything.", new Script(tokens, TimeSpan.FromMilliseconds(1)));

        var (_, events) = await SendAsync(session, viewer, "Tell me everything.");

        var frames = events.Count(e => e.Kind == SessionEventKind.Token);
        Assert.Equal(string.Concat(tokens), Tokens(events));
        Assert.InRange(frames, 1, tokens.Length / 4);
    }

    [Fact]
    public async Task Send_sameMessageIdAgain_storesTheTurnsOnceAndAnswersWithTheFirstReceipt()
    {
        var (viewer, session, snapshot) = await engine.StartAsync();
        var script = engine.Model.Reply("Knock knock.", new Script(["Who's ", "there?"], TimeSpan.FromMilliseconds(20)));
        var message = Message(viewer, "Knock knock.");

        var first = Ok(await session.SendAsync(message));
        var whileRunning = Ok(await session.SendAsync(message));
        var events = await ReadAsync(session, viewer, first.AfterSeq, first.ReplyTurnSeq);
        var afterwards = Ok(await session.SendAsync(message));
        await engine.Cluster.DeactivateAsync(session);
        var afterReactivation = Ok(await session.SendAsync(message));

        Assert.False(first.Repeated);
        Assert.All([whileRunning, afterwards, afterReactivation], r => Assert.Equal(first with { Repeated = true }, r));
        Assert.Equal(1, script.Calls);
        Assert.Equal(2, (await engine.Turns.ListAsync(snapshot.SessionId)).Count);
        Assert.Equal("Who's there?", events[^1].Text);
    }

    [Fact]
    public async Task Send_identicalTextWhileItsReplyRuns_isTreatedAsARetry()
    {
        var (viewer, session, snapshot) = await engine.StartAsync();
        engine.Model.Reply("Are you there?", new Script(["Yes", "."], TimeSpan.FromMilliseconds(50)));

        var first = Ok(await session.SendAsync(Message(viewer, "Are you there?")));
        var retry = Ok(await session.SendAsync(Message(viewer, "Are you there?")));
        await ReadAsync(session, viewer, first.AfterSeq, first.ReplyTurnSeq);

        Assert.True(retry.Repeated);
        Assert.Equal(first.ReplyTurnSeq, retry.ReplyTurnSeq);
        Assert.Equal(2, (await engine.Turns.ListAsync(snapshot.SessionId)).Count);
    }

    [Fact]
    public async Task Cancel_runningReply_stopsWithin500msAndKeepsThePartialTurn()
    {
        var (viewer, session, snapshot) = await engine.StartAsync();
        // Long enough to pass the safety filters' hold-back windows (leaks: 39 characters, personal data: the last word).
        const string story = "Once upon a time there was a keeper who kept the light burning above the harbour for forty years.";
        var script = engine.Model.Reply("Tell me a long story.", new Script(["Once ", "upon ", "a ", "time", story["Once upon a time".Length..]], TimeSpan.FromMilliseconds(5), holdOpen: true));
        var receipt = Ok(await session.SendAsync(Message(viewer, "Tell me a long story.")));
        var events = new List<SessionEvent>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var stopwatch = new Stopwatch();

        await foreach (var item in session.ReadAsync(new SessionRead { ViewerId = viewer, AfterSeq = receipt.AfterSeq, UntilTurnSeq = receipt.ReplyTurnSeq }, timeout.Token))
        {
            events.Add(item);
            if (Tokens(events).StartsWith("Once upon a time", StringComparison.Ordinal) && !stopwatch.IsRunning)
            {
                stopwatch.Start();
                Assert.True(Ok(await session.CancelAsync(viewer)));
            }
        }
        stopwatch.Stop();

        Assert.True(stopwatch.ElapsedMilliseconds < 500, $"The turn event came {stopwatch.ElapsedMilliseconds} ms after Cancel.");
        Assert.True(script.Cancelled.Task.IsCompleted, "The model's stream was not cancelled.");
        var status = Assert.Single(events, e => e.Kind == SessionEventKind.Status);
        Assert.Equal(SessionStatusCode.Stopped, status.Status!.Code);
        Assert.Equal([SessionEventKind.Status, SessionEventKind.Turn], events.TakeLast(2).Select(e => e.Kind));
        Assert.Equal((SessionTurnStatus.Stopped, story), (events[^1].TurnStatus, events[^1].Text));
        var stored = (await engine.Turns.ListAsync(snapshot.SessionId))[^1];
        Assert.Equal((TurnStatus.Stopped, story), (stored.Status, stored.Text));
        Assert.False(Ok(await session.CancelAsync(viewer)));
    }

    [Fact]
    public async Task Send_whileTheSchedulerIsFull_endsWithABusyStatusAndARetryTime()
    {
        var (viewer, session, snapshot) = await engine.StartAsync();
        var leases = new List<GenerationLease>();
        for (var i = 0; i < ModelSlots; i++) leases.Add(await engine.Scheduler.AcquireAsync("someone-else"));
        try
        {
            var (_, events) = await SendAsync(session, viewer, "Hello?");

            var busy = Assert.Single(events, e => e.Kind == SessionEventKind.Status).Status!;
            Assert.Equal(SessionStatusCode.Busy, busy.Code);
            Assert.True(busy.RetryAfterSeconds >= 1);
            Assert.Contains($"{busy.RetryAfterSeconds} s", busy.Message, StringComparison.Ordinal);
            Assert.Equal((SessionTurnStatus.Interrupted, ""), (events[^1].TurnStatus, events[^1].Text));
            Assert.Equal(TurnStatus.Interrupted, (await engine.Turns.ListAsync(snapshot.SessionId))[^1].Status);
        }
        finally
        {
            foreach (var lease in leases) lease.Dispose();
        }
        var (_, again) = await SendAsync(session, viewer, "Hello again?");
        Assert.Equal(SessionTurnStatus.Complete, again[^1].TurnStatus);
    }

    [Fact]
    public async Task OutputFilter_stoppingAReply_endsItBlockedWithWhatCameBefore()
    {
        var (viewer, session, snapshot) = await engine.StartAsync();
        // The safety filters hold back the last 39 characters, so the blocked word reaches this filter once more text follows it.
        var script = engine.Model.Reply("Say the word.", new Script(
            ["Fine so far. ", $"Then {BlockedWord}", " and then a great deal more that nobody may read, long enough to push it through.", " Even more."],
            TimeSpan.FromMilliseconds(60)));

        var (_, events) = await SendAsync(session, viewer, "Say the word.");

        var shown = Tokens(events);
        Assert.StartsWith(shown, "Fine so far. Then ", StringComparison.Ordinal);
        Assert.DoesNotContain(events, e => e.Text?.Contains(BlockedWord, StringComparison.Ordinal) == true);
        Assert.Equal(SessionStatusCode.Blocked, Assert.Single(events, e => e.Kind == SessionEventKind.Status).Status!.Code);
        Assert.Equal((SessionTurnStatus.Blocked, shown), (events[^1].TurnStatus, events[^1].Text));
        Assert.True(script.Cancelled.Task.IsCompleted, "The model kept writing after the reply was blocked.");
        Assert.Equal(TurnStatus.Blocked, (await engine.Turns.ListAsync(snapshot.SessionId))[^1].Status);
    }

    [Fact]
    public async Task PostBlockedTopic_inAMessage_endsTheReplyBlockedBeforeTheModelRuns_otherMessagesAreAnswered()
    {
        // The session takes the post's own blocked topics from the program it runs (the published version).
        var content = Samples.Lighthouse();
        content.BlockedTopics = ["sunken gold"];
        var (viewer, session, snapshot) = await engine.StartAsync(content);
        engine.Model.Reply("Where is the sunken gold hidden?", "Under the third rock.");

        var (_, blocked) = await SendAsync(session, viewer, "Where is the sunken gold hidden?");

        Assert.Equal(SessionTurnStatus.Blocked, blocked[^1].TurnStatus);
        Assert.Equal(SessionStatusCode.Blocked, Assert.Single(blocked, e => e.Kind == SessionEventKind.Status).Status!.Code);
        Assert.DoesNotContain(blocked, e => e.Text?.Contains("third rock", StringComparison.Ordinal) == true);
        Assert.Equal(TurnStatus.Blocked, (await engine.Turns.ListAsync(snapshot.SessionId))[^1].Status);

        engine.Model.Reply("Is the lamp lit?", "It burns all night.");
        var (_, answered) = await SendAsync(session, viewer, "Is the lamp lit?");
        Assert.Equal((SessionTurnStatus.Complete, "It burns all night."), (answered[^1].TurnStatus, answered[^1].Text));
    }

    [Fact]
    public async Task Send_modelFails_sendsAnErrorAndKeepsTheSessionUsable()
    {
        var (viewer, session, _) = await engine.StartAsync();
        engine.Model.Reply("Break.", new Script(["Partial "], failure: new InvalidOperationException("The GPU fell over.")));

        var (_, events) = await SendAsync(session, viewer, "Break.");

        Assert.Contains(events, e => e.Kind == SessionEventKind.Error && e.Text!.Contains("Send your message again", StringComparison.Ordinal));
        Assert.Equal((SessionTurnStatus.Interrupted, "Partial "), (events[^1].TurnStatus, events[^1].Text));
        Assert.DoesNotContain(events, e => e.Text?.Contains("GPU", StringComparison.Ordinal) == true);
        var (_, next) = await SendAsync(session, viewer, "Still there?");
        Assert.Equal("Hello there.", next[^1].Text);
    }
}
