using System.Text.Json;
using Bunit;
using FeedEngine.Web.Client.Talk;

namespace FeedEngine.Web.Tests.FeedUi;

/// <summary>Regenerate, branches and sharing in the conversation panel, against the hub the test drives.</summary>
public sealed class BranchAndShareTests : FeedUiContext
{
    static readonly SessionBranchView Main = new() { BranchId = "main", Kind = "main" };

    static SessionTurnView Turn(long seq, string role, string text) => new() { Seq = seq, Role = role, Text = text };

    static JsonElement State(string json) => JsonSerializer.Deserialize<JsonElement>(json);

    /// <summary>A session with two exchanges on main: message 1, reply 2, message 3, reply 4.</summary>
    IRenderedComponent<ConversationPanel> OpenWithTwoExchanges()
    {
        Hub.Snapshot = Hub.Snapshot with
        {
            Turns = [Turn(1, "viewer", "Hello"), Turn(2, "post", "Ahoy."), Turn(3, "viewer", "Climb the tower"), Turn(4, "post", "The stairs creak.")],
            LastEventSeq = 12,
            Branches = [Main],
            State = State("""{"location":"lighthouse"}"""),
        };
        var cut = Context.Render<ConversationPanel>(p => p.Add(x => x.PostId, "p1").Add(x => x.Title, "The Lighthouse"));
        cut.WaitForAssertion(() => Assert.Equal(4, cut.FindAll("li.turn[data-seq]").Count));
        return cut;
    }

    [Fact]
    public void OnlyTheLastReply_offersRegenerate_andOnlyEarlierReplies_offerABranch()
    {
        var cut = OpenWithTwoExchanges();

        Assert.Equal("4", Assert.Single(cut.FindAll("[data-testid=regenerate]")).Closest("li")!.GetAttribute("data-seq"));
        var branch = Assert.Single(cut.FindAll("[data-testid=branch-from]"));
        Assert.Equal("2", branch.Closest("li")!.GetAttribute("data-seq"));
        Assert.Equal("Branch from reply 2", branch.GetAttribute("aria-label"));
        Assert.Equal("button", branch.TagName.ToLowerInvariant());
        Assert.Empty(cut.FindAll("[data-testid=branch-switcher]")); // one branch: nothing to switch
    }

    [Fact]
    public async Task Regenerate_streamsTheNewAnswerInPlace_andTheSwitcherThenListsTheNewBranch()
    {
        var cut = OpenWithTwoExchanges();

        cut.Find("[data-testid=regenerate]").Click();
        await Hub.WaitForCallAsync("Regenerate s1 4");
        await Hub.WaitForStreamsAsync(1);
        cut.WaitForAssertion(() => Assert.DoesNotContain("The stairs creak.", cut.Markup));
        Assert.Empty(cut.FindAll("[data-testid=regenerate]")); // no second regenerate while one streams

        await Hub.Latest.WriteAsync(new SessionEventView { Seq = 13, Kind = "token", Text = "The door " });
        cut.WaitForAssertion(() => Assert.Contains("The door", cut.Find(".turn.post[data-status=inProgress]").TextContent));
        Hub.Snapshot = Hub.Snapshot with { BranchId = "b1", Branches = [Main, new() { BranchId = "b1", ParentBranchId = "main", ForkTurnSeq = 3, Kind = "regenerate" }] };
        await Hub.Latest.WriteAsync(new SessionEventView { Seq = 14, Kind = "turn", Role = "post", TurnSeq = 5, TurnStatus = "complete", Text = "The door is locked." });

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=branch-switcher] option").Count));
        Assert.Equal(["Hello", "Ahoy.", "Climb the tower", "The door is locked."], cut.FindAll("li.turn[data-seq]").Select(li => li.QuerySelector(".sr-only")!.NextElementSibling!.TextContent.Trim()));
        Assert.Equal("5", cut.Find("[data-testid=regenerate]").Closest("li")!.GetAttribute("data-seq"));
        Assert.Equal("b1", cut.Find("[data-testid=branch-switcher]").GetAttribute("value"));
        Assert.Contains("new answer after message 3", cut.FindAll("[data-testid=branch-switcher] option")[1].TextContent);
    }

    [Fact]
    public async Task ARefusedRegenerate_keepsTheOldAnswer_andShowsWhy()
    {
        var cut = OpenWithTwoExchanges();

        cut.Find("[data-testid=regenerate]").Click();
        await Hub.WaitForStreamsAsync(1);
        Hub.Latest.Complete(new ConversationException("Turn 4 is not the last reply on this branch, so it cannot be regenerated."));

        cut.WaitForAssertion(() => Assert.Contains("cannot be regenerated", cut.Markup));
        cut.WaitForAssertion(() => Assert.Contains("The stairs creak.", cut.Find("li.turn[data-seq='4']").TextContent));
    }

    [Fact]
    public async Task BranchFromHere_showsTheNewBranchsTurnsAndState()
    {
        var cut = OpenWithTwoExchanges();
        Hub.BranchSnapshot = Hub.Snapshot with
        {
            BranchId = "b1",
            Turns = [Turn(1, "viewer", "Hello"), Turn(2, "post", "Ahoy.")],
            Branches = [Main, new() { BranchId = "b1", ParentBranchId = "main", ForkTurnSeq = 2, Kind = "branch" }],
            State = State("""{"location":"harbor"}"""),
        };

        cut.Find("[data-testid=branch-from]").Click();
        await Hub.WaitForCallAsync("Branch s1 2");

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("li.turn[data-seq]").Count));
        Assert.Equal("harbor", cut.Find("[data-key=location] dd").TextContent.Trim());
        Assert.Contains("from reply 2", cut.Find("[data-testid=branch-switcher] option:checked, [data-testid=branch-switcher] option[value=b1]").TextContent);
    }

    [Fact]
    public async Task SwitchingBranch_loadsThatBranch_andARefusalShowsWhyAndKeepsTheTurns()
    {
        Hub.Snapshot = Hub.Snapshot with
        {
            BranchId = "b1",
            Turns = [Turn(1, "viewer", "Hello"), Turn(2, "post", "Ahoy.")],
            Branches = [Main, new() { BranchId = "b1", ParentBranchId = "main", ForkTurnSeq = 2, Kind = "branch" }],
        };
        var cut = Context.Render<ConversationPanel>(p => p.Add(x => x.PostId, "p1"));
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=branch-switcher] option").Count));
        Hub.BranchSnapshot = Hub.Snapshot with { BranchId = "main", Turns = [Turn(1, "viewer", "Hello"), Turn(2, "post", "Ahoy."), Turn(3, "viewer", "Climb"), Turn(4, "post", "Up.")] };

        cut.Find("[data-testid=branch-switcher]").Change("main");
        await Hub.WaitForCallAsync("SwitchBranch s1 main");
        cut.WaitForAssertion(() => Assert.Equal(4, cut.FindAll("li.turn[data-seq]").Count));

        Hub.BranchFailure = new ConversationException("There is no branch b9 in this session.");
        cut.Find("[data-testid=branch-switcher]").Change("b1");
        await Hub.WaitForCallAsync("SwitchBranch s1 b1");
        cut.WaitForAssertion(() => Assert.Contains("There is no branch b9", cut.Markup));
        Assert.Equal(4, cut.FindAll("li.turn[data-seq]").Count);
    }

    [Fact]
    public async Task Share_showsTheRoomLink_andCopiesIt()
    {
        var clipboard = Context.JSInterop.SetupVoid("navigator.clipboard.writeText", _ => true);
        clipboard.SetVoidResult();
        var cut = OpenWithTwoExchanges();

        cut.Find("[data-testid=share]").Click();
        await Hub.WaitForCallAsync("ShareSession s1");
        cut.WaitForAssertion(() => Assert.Equal("http://feed.test/?room=ABCD2345", cut.Find("[data-testid=share-url]").GetAttribute("value")));
        Assert.Equal("Link to join this conversation", cut.Find("[data-testid=share-url]").GetAttribute("aria-label"));

        cut.FindAll("button").Single(b => b.TextContent == "Copy link").Click();

        cut.WaitForAssertion(() => Assert.Contains("Link copied.", cut.Find(".branch-bar [role=status]").TextContent));
        Assert.Equal("http://feed.test/?room=ABCD2345", Assert.Single(clipboard.Invocations).Arguments[0]);
    }
}
