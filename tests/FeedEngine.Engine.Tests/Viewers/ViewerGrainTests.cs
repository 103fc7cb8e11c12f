using FeedEngine.Engine.Tests.Sessions;
using static FeedEngine.Engine.Tests.Sessions.EngineCluster;

namespace FeedEngine.Engine.Tests.Viewers;

[Collection(EngineClusterCollection.Name)]
public sealed class ViewerGrainTests(EngineCluster engine)
{
    [Fact]
    public async Task StartSession_twice_returnsTheSameSessionWithItsTurns()
    {
        var (viewer, session, first) = await engine.StartAsync();
        var (_, events) = await SendAsync(session, viewer, "Hello.");

        var again = Ok(await engine.Grains.GetGrain<IViewerGrain>(viewer).StartSessionAsync(first.PostId));

        Assert.Equal(first.SessionId, again.SessionId);
        Assert.Equal(2, again.Turns.Length);
        Assert.Equal(events[^1].Seq, again.LastEventSeq);
    }

    [Fact]
    public async Task StartSession_freshSession_showsTheProgramsFaceButNothingHidden()
    {
        var (_, _, snapshot) = await engine.StartAsync();

        Assert.Equal(("The Lighthouse at Gull's End", "game", 1, 0L), (snapshot.Title, snapshot.Kind, snapshot.PostVersion, snapshot.LastEventSeq));
        Assert.Equal(Samples.Lighthouse().Greetings[0], snapshot.Greeting);
        Assert.Empty(snapshot.Turns);
        Assert.Equal(["Ask the harbormaster about the keeper", "Climb to the lighthouse"], snapshot.SuggestedReplies);
        var wire = System.Text.Json.JsonSerializer.Serialize(snapshot);
        Assert.DoesNotContain("Edwin", wire, StringComparison.Ordinal);
        Assert.DoesNotContain("suspicion", wire, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NewSession_becomesCurrentAndTheOldOneStays()
    {
        var (viewer, session, first) = await engine.StartAsync();
        await SendAsync(session, viewer, "Hello.");
        var grain = engine.Grains.GetGrain<IViewerGrain>(viewer);

        var fresh = Ok(await grain.NewSessionAsync(first.PostId));
        var current = Ok(await grain.StartSessionAsync(first.PostId));
        await engine.Cluster.DeactivateAsync(grain);
        var afterRestart = Ok(await grain.StartSessionAsync(first.PostId));

        Assert.NotEqual(first.SessionId, fresh.SessionId);
        Assert.Empty(fresh.Turns);
        Assert.Equal(fresh.SessionId, current.SessionId);
        Assert.Equal(fresh.SessionId, afterRestart.SessionId);
        Assert.Equal(2, Ok(await session.GetSnapshotAsync(viewer)).Turns.Length);
        Assert.Equal(2, (await engine.Sessions.ListByOwnerAsync(viewer, first.PostId)).Count);
    }

    [Theory]
    [InlineData("no-such-post", "no published post")]
    [InlineData("", "Name the post")]
    public async Task StartSession_unknownPost_isRefused(string postId, string expected)
    {
        var outcome = await engine.Grains.GetGrain<IViewerGrain>("viewer-" + Guid.NewGuid()).StartSessionAsync(postId);

        Assert.False(outcome.IsOk);
        Assert.Contains(expected, outcome.Rejection!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Storage_andContractEnums_keepTheSameNames()
    {
        Assert.Equal(Enum.GetNames<FeedEngine.Storage.Sessions.TurnEventKind>(), Enum.GetNames<SessionEventKind>());
        Assert.Equal(Enum.GetNames<FeedEngine.Storage.Sessions.TurnRole>(), Enum.GetNames<SessionRole>());
        Assert.Equal(Enum.GetNames<FeedEngine.Storage.Sessions.TurnStatus>(), Enum.GetNames<SessionTurnStatus>());
        Assert.Equal(Enum.GetNames<FeedEngine.Storage.Posts.StateVariableType>(), Enum.GetNames<StateValueType>());
        await Task.CompletedTask;
    }
}
