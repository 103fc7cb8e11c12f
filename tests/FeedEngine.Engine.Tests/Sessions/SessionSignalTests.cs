using static FeedEngine.Engine.Tests.Sessions.EngineCluster;

namespace FeedEngine.Engine.Tests.Sessions;

/// <summary>
/// The feed learns from how long viewers talk (<see cref="IConversationSignals"/>), and its learning never holds up a
/// conversation: the Send that reaches a mark answers, and its reply streams, while the feed is still busy or failing.
/// </summary>
[Collection(EngineClusterCollection.Name)]
public sealed class SessionSignalTests(EngineCluster engine)
{
    [Fact]
    public async Task ThirdMessage_tellsTheFeed_andItsReplyDoesNotWaitForTheFeed()
    {
        var (viewer, session, snapshot) = await engine.StartAsync();
        engine.Signals.Hold(viewer);

        await SendAsync(session, viewer, "One.");
        await SendAsync(session, viewer, "Two.");
        Assert.False(engine.Signals.ToldAsync(viewer).IsCompleted);

        // The feed does not answer until released; the third exchange completes all the same.
        var (_, events) = await SendAsync(session, viewer, "Three.");
        Assert.Equal("Hello there.", Tokens(events));
        Assert.Equal(3, await engine.Signals.ToldAsync(viewer).WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Contains((viewer, snapshot.PostId, 3), engine.Signals.Calls);

        // And the session goes on (no call is left waiting on the grain).
        var (_, fourth) = await SendAsync(session, viewer, "Four.");
        Assert.Equal("Hello there.", Tokens(fourth));
        engine.Signals.Release(viewer);
        Assert.Single(engine.Signals.Calls, c => c.ViewerId == viewer);
    }

    [Fact]
    public async Task AFailingFeed_changesNothingInTheSession()
    {
        var (viewer, session, snapshot) = await engine.StartAsync();
        engine.Signals.Fail(viewer);

        for (var i = 1; i <= 3; i++) await SendAsync(session, viewer, $"Message {i}.");
        Assert.Equal(3, await engine.Signals.ToldAsync(viewer).WaitAsync(TimeSpan.FromSeconds(10)));

        var (_, events) = await SendAsync(session, viewer, "Still there?");
        Assert.Equal(SessionTurnStatus.Complete, events[^1].TurnStatus);
        Assert.Equal(8, (await engine.Turns.ListAsync(snapshot.SessionId)).Count);
    }
}
