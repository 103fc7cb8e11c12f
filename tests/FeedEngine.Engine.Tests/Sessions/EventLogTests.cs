using FeedEngine.Engine.Sessions;

namespace FeedEngine.Engine.Tests.Sessions;

/// <summary>
/// The event log keeps token frames as their text and makes the event when it is read: what a reader gets must equal
/// what an event object would have carried, numbered in order among the other events, and nothing not yet stored may
/// be let go.
/// </summary>
public sealed class EventLogTests
{
    [Fact]
    public void TokenFrames_readBack_asEqualEventsNumberedAmongTheOthers()
    {
        var log = new EventLog(lastSeq: 7);
        var first = log.AppendToken("Hel", sponsored: false);
        var state = log.Append(new SessionEvent { Kind = SessionEventKind.State, StateJson = """{"door":"open"}""" });
        var second = log.AppendToken("lo", sponsored: true);

        Assert.Equal([8L, 9L, 10L], [first.Seq, state.Seq, second.Seq]);
        Assert.True(log.TryGet(8, out var readFirst));
        Assert.Equal(new SessionEvent { Seq = 8, Kind = SessionEventKind.Token, Text = "Hel" }, readFirst);
        Assert.True(log.TryGet(9, out var readState));
        Assert.Same(state, readState);
        Assert.True(log.TryGet(10, out var readSecond));
        Assert.Equal(new SessionEvent { Seq = 10, Kind = SessionEventKind.Token, Text = "lo", Sponsored = true }, readSecond);
        Assert.Equal(second.Event, readSecond);
        Assert.False(log.TryGet(11, out _));
        Assert.False(log.TryGet(7, out _));
    }

    [Fact]
    public void Trim_letsGoOfStoredFramesOnly_andNeverOfTheReplyInProgress()
    {
        var log = new EventLog(lastSeq: 0, keep: 4);
        for (var i = 0; i < 6; i++) log.AppendToken($"t{i}", sponsored: false);

        // Nothing is stored yet: all six stay although the log keeps four.
        Assert.Equal(1, log.FirstInMemory);
        log.MarkDurable();
        Assert.Equal(3, log.FirstInMemory);
        Assert.True(log.TryGet(6, out var last));
        Assert.Equal("t5", last.Text);

        for (var i = 6; i < 12; i++) log.AppendToken($"t{i}", sponsored: false);
        Assert.Equal(7, log.FirstInMemory);
        Assert.True(log.TryGet(7, out var oldestUnstored));
        Assert.Equal("t6", oldestUnstored.Text);
    }

    [Fact]
    public async Task WaitAfter_completesWhenATokenFrameArrives()
    {
        var log = new EventLog(lastSeq: 3);
        var waiting = log.WaitAfterAsync(3, CancellationToken.None);
        Assert.False(waiting.IsCompleted);
        log.AppendToken("x", sponsored: false);
        await waiting.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void Trim_acrossChunks_keepsNumbersAndTextsInOrder()
    {
        // Three chunks and a bit: trimming drops whole chunks and part of the next, and reads stay exact.
        var log = new EventLog(lastSeq: 0, keep: 10);
        var total = EventChunks.ChunkSize * 3 + 5;
        for (var i = 1; i <= total; i++) log.AppendToken($"t{i}", sponsored: i % 2 == 0);
        log.MarkDurable();

        Assert.Equal(total - 9, log.FirstInMemory);
        for (var seq = total - 9; seq <= total; seq++)
        {
            Assert.True(log.TryGet(seq, out var item));
            Assert.Equal($"t{seq}", item.Text);
            Assert.Equal(seq % 2 == 0, item.Sponsored);
        }
        Assert.False(log.TryGet(total - 10, out _));

        // Appending after a trim starts where the log left off.
        var next = log.AppendToken("after", sponsored: false);
        Assert.Equal(total + 1, next.Seq);
        Assert.True(log.TryGet(total + 1, out var after));
        Assert.Equal("after", after.Text);
    }

    [Fact]
    public void Chunks_addReadEnumerateAndLetGoOfTheOldest()
    {
        var events = new EventChunks();
        var texts = new TokenTexts();
        var count = EventChunks.ChunkSize * 2 + 3;
        for (var i = 0; i < count; i++) events.Add(LoggedEvent.Token(i, texts, $"x{i}", sponsored: false));
        Assert.Equal(count, events.Count);
        Assert.Equal(Enumerable.Range(0, count).Select(i => (long)i), events.Select(e => e.Seq));

        events.RemoveFirst(EventChunks.ChunkSize + 1);
        Assert.Equal(count - EventChunks.ChunkSize - 1, events.Count);
        Assert.Equal(EventChunks.ChunkSize + 1, events[0].Seq);
        Assert.Equal($"x{count - 1}", events[events.Count - 1].Event.Text);
        Assert.Throws<ArgumentOutOfRangeException>(() => events[events.Count]);
        Assert.Throws<ArgumentOutOfRangeException>(() => events[-1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => events.RemoveFirst(events.Count + 1));

        events.RemoveFirst(events.Count);
        Assert.Empty(events);
        events.Add(LoggedEvent.Of(new SessionEvent { Seq = 500, Kind = SessionEventKind.State, StateJson = "{}" }));
        Assert.Equal(500, Assert.Single(events).Seq);
    }

    [Fact]
    public void TokenTexts_fillSharedArrays_andGiveALongTextAnArrayOfItsOwn()
    {
        var log = new EventLog(lastSeq: 0, keep: 1000);
        // Enough short frames to fill several shared arrays, a frame that does not fit the rest of one, and long ones.
        var texts = Enumerable.Range(1, 150).Select(i => i % 50 == 0 ? new string((char)('a' + i % 26), TokenTexts.SlabLength / 2 + i) : $"w{i} ").ToList();
        texts.Insert(3, new string('z', TokenTexts.SlabLength / 2));
        texts.Add("");
        foreach (var text in texts) log.AppendToken(text, sponsored: false);

        for (var seq = 1; seq <= texts.Count; seq++)
        {
            Assert.True(log.TryGet(seq, out var item));
            Assert.Equal(texts[seq - 1], item.Text);
        }
    }

    [Fact]
    public void ReplyRun_released_isTheTextOfItsTokenFramesOnly_inOrder()
    {
        var log = new EventLog(lastSeq: 0);
        var run = new ReplyRun(new ViewerMessage { ViewerId = "v", MessageId = "m", Text = "hi" }, new SendReceipt { AfterSeq = 0, MessageTurnSeq = 1, ReplyTurnSeq = 2 }, 0);
        Assert.False(run.HasText);
        Assert.Equal("", run.Released);

        run.Release(log.AppendToken("Once ", sponsored: false));
        run.Events.Add(LoggedEvent.Of(log.Append(new SessionEvent { Kind = SessionEventKind.State, StateJson = "{}" })));
        run.Release(log.AppendToken("upon a time.", sponsored: false));

        Assert.True(run.HasText);
        Assert.Equal("Once upon a time.", run.Released);
        Assert.Equal([SessionEventKind.Token, SessionEventKind.State, SessionEventKind.Token], run.Events.Select(e => e.Event.Kind));
    }
}
