using System.Threading.Channels;
using FeedEngine.Engine.Sessions;
using Microsoft.Extensions.DependencyInjection;
using static FeedEngine.Engine.Tests.Sessions.EngineCluster;

namespace FeedEngine.Engine.Tests.Sessions;

/// <summary>
/// A read opened by a caller in the session's own silo (the hub's case): the session writes the events into the
/// caller's channel. The same events as a pulled read, the same refusals, and an end the caller can see.
/// </summary>
[Collection(EngineClusterCollection.Name)]
public sealed class SessionLocalReadTests(EngineCluster engine)
{
    /// <summary>The session as the silo's own grain factory reaches it: calls stay in the process, as the hub's do.</summary>
    ISessionGrain InSilo(string sessionId) => engine.Silo.GetRequiredService<IGrainFactory>().GetGrain<ISessionGrain>(sessionId);

    LocalSessions Local => engine.Silo.GetRequiredService<LocalSessions>();

    static async Task<(Channel<SessionEvent> Channel, Task Opened)> OpenAsync(ISessionGrain session, SessionRead read, CancellationToken cancellationToken = default)
    {
        var channel = Channel.CreateBounded<SessionEvent>(4);
        var opened = session.OpenLocalReadAsync(read, new LocalSessionReader(channel.Writer, cancellationToken));
        await opened.WaitAsync(TimeSpan.FromSeconds(10));
        return (channel, opened);
    }

    static async Task<List<SessionEvent>> DrainAsync(ChannelReader<SessionEvent> reader)
    {
        var items = new List<SessionEvent>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await foreach (var item in reader.ReadAllAsync(timeout.Token)) items.Add(item);
        return items;
    }

    [Fact]
    public async Task LocalRead_givesExactlyTheEventsOfThePulledRead_throughTheTurnEvent()
    {
        var (viewer, _, snapshot) = await engine.StartAsync();
        var session = InSilo(snapshot.SessionId);
        Assert.True(Local.IsActiveHere(snapshot.SessionId));
        var words = Words(40);
        engine.Model.Reply("Tell me.", new Script(words, TimeSpan.FromMilliseconds(3)));
        var receipt = Ok(await session.SendAsync(Message(viewer, "Tell me.")));

        // A small channel: the session waits for the reader when it is full, and nothing is lost or reordered.
        var (channel, _) = await OpenAsync(session, new SessionRead { ViewerId = viewer, AfterSeq = receipt.AfterSeq, UntilTurnSeq = receipt.ReplyTurnSeq });
        var local = await DrainAsync(channel.Reader);
        var pulled = await ReadAsync(engine.Grains.GetGrain<ISessionGrain>(snapshot.SessionId), viewer, receipt.AfterSeq, receipt.ReplyTurnSeq);

        Assert.Equal(pulled, local);
        Assert.Equal(string.Concat(words), Tokens(local));
        Assert.Equal(SessionEventKind.Turn, local[^1].Kind);
    }

    [Fact]
    public async Task LocalRead_byWhoDoesNotTakePart_endsWithTheRefusalOfThePulledRead()
    {
        var (viewer, _, snapshot) = await engine.StartAsync();
        var session = InSilo(snapshot.SessionId);
        var (_, events) = await SendAsync(session, viewer, "Hello.");

        var (channel, _) = await OpenAsync(session, new SessionRead { ViewerId = "someone-else", AfterSeq = 0 });

        var refusal = await Assert.ThrowsAsync<InvalidOperationException>(() => DrainAsync(channel.Reader));
        Assert.Contains("does not take part", refusal.Message, StringComparison.Ordinal);
        var (outOfRange, _) = await OpenAsync(session, new SessionRead { ViewerId = viewer, AfterSeq = events[^1].Seq + 5 });
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => DrainAsync(outOfRange.Reader));
    }

    [Fact]
    public async Task LocalRead_callerStops_theReadEndsAndTheReplyGoesOnToTheStore()
    {
        var (viewer, _, snapshot) = await engine.StartAsync();
        var session = InSilo(snapshot.SessionId);
        var words = Words(40);
        engine.Model.Reply("Go on.", new Script(words, TimeSpan.FromMilliseconds(10)));
        var receipt = Ok(await session.SendAsync(Message(viewer, "Go on.")));
        using var stop = new CancellationTokenSource();

        var (channel, _) = await OpenAsync(session, new SessionRead { ViewerId = viewer, AfterSeq = receipt.AfterSeq }, stop.Token);
        var seen = new List<SessionEvent>();
        await foreach (var item in channel.Reader.ReadAllAsync())
        {
            seen.Add(item);
            if (seen.Count(e => e.Kind == SessionEventKind.Token) == 2) break;
        }
        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => channel.Reader.Completion.WaitAsync(TimeSpan.FromSeconds(10)));
        var rest = await ReadAsync(session, viewer, seen[^1].Seq, receipt.ReplyTurnSeq);
        Assert.Equal(string.Concat(words), Tokens(seen.Concat(rest)));
        Assert.Equal(string.Concat(words), (await engine.Turns.ListAsync(snapshot.SessionId))[^1].Text);
    }

    [Fact]
    public async Task LocalRead_whenTheActivationEnds_endsWithAnError_andTheSessionIsListedAgainOnceBack()
    {
        var (viewer, _, snapshot) = await engine.StartAsync();
        var session = InSilo(snapshot.SessionId);
        var (_, events) = await SendAsync(session, viewer, "Hello.");
        var (channel, _) = await OpenAsync(session, new SessionRead { ViewerId = viewer, AfterSeq = events[^1].Seq });

        await engine.Cluster.DeactivateAsync(session);

        // The reader was waiting for live events: it learns the read ended (and resumes), rather than waiting forever.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => channel.Reader.Completion.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.False(Local.IsActiveHere(snapshot.SessionId));
        var (_, again) = await SendAsync(session, viewer, "Back again.");
        Assert.True(Local.IsActiveHere(snapshot.SessionId));
        Assert.Equal(SessionEventKind.Turn, again[^1].Kind);
    }

    [Fact]
    public async Task LocalRead_fromOutsideTheProcess_isRefused_andThePulledReadStillWorks()
    {
        var (viewer, session, snapshot) = await engine.StartAsync();
        var (receipt, events) = await SendAsync(session, viewer, "Hello.");
        var turns = (await engine.Turns.ListAsync(snapshot.SessionId)).Count;

        // The cluster's client reaches the silo over a socket: a local reader cannot be sent, and the call says so.
        var channel = Channel.CreateUnbounded<SessionEvent>();
        var call = session.OpenLocalReadAsync(new SessionRead { ViewerId = viewer, AfterSeq = 0 }, new LocalSessionReader(channel.Writer, default));
        await Assert.ThrowsAnyAsync<Exception>(() => call.WaitAsync(TimeSpan.FromSeconds(20)));

        Assert.Equal(events, await ReadAsync(session, viewer, receipt.AfterSeq, receipt.ReplyTurnSeq));
        Assert.Equal(turns, (await engine.Turns.ListAsync(snapshot.SessionId)).Count);
    }

    [Fact]
    public void LocalSessions_countActivations_andForgetASessionOnlyWhenItsLastOneEnds()
    {
        using var local = new LocalSessions();
        local.Activated("a");
        local.Activated("a");
        local.Deactivated("a");
        Assert.True(local.IsActiveHere("a"));
        local.Deactivated("a");
        Assert.False(local.IsActiveHere("a"));
        local.Deactivated("never-seen");
        Assert.False(local.IsActiveHere("never-seen"));
    }
}
