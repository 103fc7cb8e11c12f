using Bunit;
using FeedEngine.Web.Client.Talk;

namespace FeedEngine.Web.Tests.FeedUi;

/// <summary>A co-play room in the panel: joined from a shared link's code, everyone's messages and replies shown live, each event once.</summary>
public sealed class RoomPanelTests : FeedUiContext
{
    IRenderedComponent<ConversationPanel> Join(string code) =>
        Context.Render<ConversationPanel>(p => p.Add(x => x.PostId, "").Add(x => x.RoomCode, code).Add(x => x.Title, "a shared conversation"));

    static SessionEventView Token(long seq, string text) => new() { Seq = seq, Kind = "token", Text = text };

    [Fact]
    public async Task RoomCode_joinsTheRoom_showsOthersLive_andOwnSendEndsEvenWhenTheRoomStreamShowedItFirst()
    {
        Hub.Snapshot = Hub.Snapshot with { LastEventSeq = 3, RoomCode = "K7P2QX" };
        var cut = Join("K7P2QX");

        await Hub.WaitForCallAsync("JoinSession K7P2QX");
        await Hub.WaitForCallAsync("Resume s1 3");
        await Hub.WaitForStreamsAsync(1);
        Assert.DoesNotContain(Hub.Calls, c => c.StartsWith("StartSession", StringComparison.Ordinal));
        var room = Hub.Streams.ElementAt(0).Writer;

        // Another participant's message and the reply to it arrive on the room's live stream.
        await room.WriteAsync(new SessionEventView { Seq = 4, Kind = "message", Role = "viewer", Text = "Open the chest", TurnSeq = 3 });
        await room.WriteAsync(Token(5, "It creaks open."));
        await room.WriteAsync(new SessionEventView { Seq = 6, Kind = "turn", Role = "post", TurnSeq = 4, TurnStatus = "complete", Text = "It creaks open." });
        cut.WaitForAssertion(() => Assert.Equal("It creaks open.", cut.Find(".turn.post[data-status=complete] .rich-text").TextContent.Trim()));
        Assert.Contains("Open the chest", cut.Find(".turn.viewer").TextContent);

        // This viewer sends: the room stream shows the exchange first, the Send stream then carries the same events.
        cut.Find("input.composer-input").Input("Take the map");
        cut.Find("form.composer").Submit();
        await Hub.WaitForCallAsync("Send s1 Take the map");
        await Hub.WaitForStreamsAsync(2);
        var send = Hub.Streams.ElementAt(1).Writer;
        SessionEventView[] exchange =
        [
            new() { Seq = 7, Kind = "message", Role = "viewer", Text = "Take the map", TurnSeq = 5 },
            Token(8, "The map is yours."),
            new() { Seq = 9, Kind = "turn", Role = "post", TurnSeq = 6, TurnStatus = "complete", Text = "The map is yours." },
        ];
        foreach (var item in exchange) await room.WriteAsync(item);
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll(".turn.post[data-status=complete]").Count));
        foreach (var item in exchange) await send.WriteAsync(item);
        send.Complete();

        // Shown once, and the send is over (no Stop button) although the room stream showed its events first.
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=stop]")));
        Assert.Equal(2, cut.FindAll(".turn.post[data-status=complete]").Count);
        Assert.Equal(2, cut.FindAll(".turn.viewer").Count);
        // A room joined by code is not remembered as this viewer's own conversation with the post.
        Assert.DoesNotContain(Context.JSInterop.Invocations, i => i.Identifier == "sessionStorage.setItem" && ((string?)i.Arguments[0])!.StartsWith("feedengine.session.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UnknownRoomCode_showsTheHubsMessage_andStartsNothing()
    {
        Hub.JoinFailure = new ConversationException("No room has this code. Check the code with the person who shared it.");

        var cut = Join("ZZZZZZ");

        cut.WaitForAssertion(() => Assert.Contains("No room has this code", cut.Find("[role=alert]").TextContent));
        await Hub.WaitForCallAsync("JoinSession ZZZZZZ");
        Assert.DoesNotContain(Hub.Calls, c => c.StartsWith("StartSession", StringComparison.Ordinal) || c.StartsWith("Resume", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RemovedFromTheRoom_showsWhy_andStopsFollowing()
    {
        Hub.Snapshot = Hub.Snapshot with { RoomCode = "K7P2QX" };
        var cut = Join("K7P2QX");
        await Hub.WaitForStreamsAsync(1);

        Hub.Streams.ElementAt(0).Writer.Complete(new ConversationException("You are no longer in this room: its owner removed you or closed it."));

        cut.WaitForAssertion(() => Assert.Contains("no longer in this room", cut.Find("[role=alert]").TextContent));
        Assert.Single(Hub.Calls, c => c.StartsWith("Resume", StringComparison.Ordinal));
    }
}
