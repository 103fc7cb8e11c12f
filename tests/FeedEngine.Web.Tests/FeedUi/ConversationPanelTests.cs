using System.Text.Json;
using Bunit;
using FeedEngine.Web.Client.Feed;
using FeedEngine.Web.Client.Talk;

namespace FeedEngine.Web.Tests.FeedUi;

/// <summary>The conversation panel against a hub the test drives: streaming, state, stop, statuses, resume after drops.</summary>
public sealed class ConversationPanelTests : FeedUiContext
{
    static SessionEventView Token(long seq, string text) => new() { Seq = seq, Kind = "token", Text = text };

    IRenderedComponent<ConversationPanel> Open() =>
        Context.Render<ConversationPanel>(p => p.Add(x => x.PostId, "p1").Add(x => x.Title, "The Lighthouse"));

    [Fact]
    public void Open_startsTheSessionOnce_showsGreetingStateAndSuggestions()
    {
        Hub.Snapshot = Hub.Snapshot with
        {
            SuggestedReplies = ["Climb the tower", "Ask about the keeper"],
            State = JsonSerializer.Deserialize<JsonElement>("""{"location":"harbor"}"""),
        };

        var cut = Open();

        cut.WaitForAssertion(() => Assert.Contains("Rain needles the harbor.", cut.Markup));
        Assert.Equal(["StartSession p1"], Hub.Calls);
        Assert.Equal("harbor", cut.Find("[data-key=location] dd").TextContent.Trim());
        Assert.Equal(["Climb the tower", "Ask about the keeper"], cut.FindAll(".suggestions button").Select(b => b.TextContent));
        Assert.Equal("s1", cut.Find("[data-testid=conversation]").GetAttribute("data-session-id"));
    }

    [Fact]
    public async Task Send_streamsTheReply_updatesState_andEndsOnTheTurnEvent()
    {
        var cut = Open();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("input.composer-input")));

        cut.Find("input.composer-input").Input("Climb the tower");
        cut.Find("form.composer").Submit();
        await Hub.WaitForCallAsync("Send s1 Climb the tower");
        await Hub.WaitForStreamsAsync(1);
        Assert.Contains("Stop", cut.Find("[data-testid=stop]").TextContent);

        await Hub.Latest.WriteAsync(new SessionEventView { Seq = 1, Kind = "message", Role = "viewer", Text = "Climb the tower", TurnSeq = 1 });
        await Hub.Latest.WriteAsync(Token(2, "The stairs "));
        cut.WaitForAssertion(() => Assert.Contains("The stairs", cut.Find(".turn.post[data-status=inProgress]").TextContent));
        await Hub.Latest.WriteAsync(Token(3, "creak."));
        await Hub.Latest.WriteAsync(new SessionEventView { Seq = 4, Kind = "state", State = JsonSerializer.Deserialize<JsonElement>("""{"location":"lighthouse"}""") });
        cut.WaitForAssertion(() => Assert.Equal("lighthouse", cut.Find("[data-key=location] dd").TextContent.Trim()));
        await Hub.Latest.WriteAsync(new SessionEventView { Seq = 5, Kind = "turn", Role = "post", TurnSeq = 2, TurnStatus = "complete", Text = "The stairs creak." });

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=stop]")));
        Assert.Equal("The stairs creak.", cut.Find(".turn.post[data-status=complete] .rich-text").TextContent.Trim());
        Assert.Single(cut.FindAll(".turn.viewer"));
        // The tab remembers the session and the last event it showed, for a refresh.
        Assert.Contains(Context.JSInterop.Invocations, i => i.Identifier == "sessionStorage.setItem"
            && (string?)i.Arguments[0] == "feedengine.session.p1" && i.Arguments[1]!.ToString()!.Contains("\"lastSeq\":5"));
    }

    [Fact]
    public async Task Stop_callsCancel_andShowsTheStoppedStatus()
    {
        var cut = Open();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("input.composer-input")));
        cut.Find("input.composer-input").Input("Tell me everything");
        cut.Find("form.composer").Submit();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=stop]")));
        await Hub.WaitForStreamsAsync(1);
        await Hub.Latest.WriteAsync(Token(1, "Once upon"));
        cut.WaitForAssertion(() => Assert.Contains("Once upon", cut.Find(".turn.post[data-status=inProgress]").TextContent));

        cut.Find("[data-testid=stop]").Click();
        await Hub.WaitForCallAsync("Cancel s1");
        await Hub.Latest.WriteAsync(new SessionEventView { Seq = 2, Kind = "status", Status = new SessionStatusView { Code = "stopped", Message = "You stopped the reply." } });
        await Hub.Latest.WriteAsync(new SessionEventView { Seq = 3, Kind = "turn", Role = "post", TurnSeq = 2, TurnStatus = "stopped", Text = "Once upon" });

        cut.WaitForAssertion(() => Assert.Equal("stopped", cut.Find("[data-testid=status]").GetAttribute("data-code")));
        // The turn event is rendered after the status event: wait for it too.
        cut.WaitForAssertion(() => Assert.Contains("(stopped)", cut.Find(".turn.post[data-status=stopped]").TextContent));
    }

    [Fact]
    public async Task Busy_showsACountdown()
    {
        var cut = Open();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("input.composer-input")));
        cut.Find("input.composer-input").Input("Hello");
        cut.Find("form.composer").Submit();
        await Hub.WaitForStreamsAsync(1);

        await Hub.Latest.WriteAsync(new SessionEventView { Seq = 1, Kind = "status", Status = new SessionStatusView { Code = "busy", Message = "All model slots are taken.", RetryAfterSeconds = 5 } });

        cut.WaitForAssertion(() => Assert.Contains("Try again in 5 s", cut.Find("[data-testid=countdown]").TextContent));
    }

    [Fact]
    public async Task InProgressSnapshot_resumesFromItsLastEvent()
    {
        Hub.Snapshot = Hub.Snapshot with
        {
            LastEventSeq = 7,
            Turns = [new SessionTurnView { Seq = 1, Role = "viewer", Text = "Hi" }, new SessionTurnView { Seq = 2, Role = "post", Text = "Half a rep", Status = "inProgress" }],
        };

        var cut = Open();

        await Hub.WaitForCallAsync("Resume s1 7");
        await Hub.WaitForStreamsAsync(1);
        await Hub.Latest.WriteAsync(Token(8, "ly."));
        await Hub.Latest.WriteAsync(new SessionEventView { Seq = 9, Kind = "turn", Role = "post", TurnSeq = 2, TurnStatus = "complete", Text = "Half a reply." });
        cut.WaitForAssertion(() => Assert.Equal("Half a reply.", cut.Find(".turn.post[data-status=complete] .rich-text").TextContent.Trim()));
    }

    [Fact]
    public async Task DroppedConnection_showsReconnecting_thenResumesAfterTheLastEventSeen()
    {
        var cut = Open();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("input.composer-input")));
        cut.Find("input.composer-input").Input("Go on");
        cut.Find("form.composer").Submit();
        await Hub.WaitForStreamsAsync(1);
        await Hub.Latest.WriteAsync(Token(4, "First "));
        cut.WaitForAssertion(() => Assert.Contains("First", cut.Markup));

        await Hub.SetStateAsync(ConnectionState.Reconnecting);
        Hub.Latest.Complete(new IOException("The WebSocket closed."));
        cut.WaitForAssertion(() => Assert.Equal("reconnecting", cut.Find("[data-testid=status]").GetAttribute("data-code")));

        await Hub.SetStateAsync(ConnectionState.Connected);
        await Hub.WaitForCallAsync("Resume s1 4");
        await Hub.WaitForStreamsAsync(2);
        await Hub.Latest.WriteAsync(Token(4, "First "));
        await Hub.Latest.WriteAsync(Token(5, "second."));
        await Hub.Latest.WriteAsync(new SessionEventView { Seq = 6, Kind = "turn", Role = "post", TurnSeq = 2, TurnStatus = "complete", Text = "First second." });

        cut.WaitForAssertion(() => Assert.Equal("First second.", cut.Find(".turn.post[data-status=complete] .rich-text").TextContent.Trim()));
        Assert.Empty(cut.FindAll("[data-testid=status]"));
    }

    [Fact]
    public void RefusedStart_showsTheHubsMessage()
    {
        Hub.StartFailure = new ConversationException("This post is not available.");

        var cut = Open();

        cut.WaitForAssertion(() => Assert.Equal("This post is not available.", cut.Find("[role=alert]").TextContent));
    }

    [Fact]
    public async Task RefusedSend_showsTheMessage_andDropsThePendingText()
    {
        var cut = Open();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("input.composer-input")));
        Hub.Streams.Clear();
        cut.Find("input.composer-input").Input("Too fast");
        cut.Find("form.composer").Submit();
        await Hub.WaitForStreamsAsync(1);

        Hub.Latest.Complete(new ConversationException("Slow down: try again in 20 seconds."));

        cut.WaitForAssertion(() => Assert.Contains("Slow down", cut.Find("[role=alert]").TextContent));
        Assert.Empty(cut.FindAll(".turn.viewer"));
    }
}
