using Bunit;
using FeedEngine.Web.Client.Talk;

namespace FeedEngine.Web.Tests.FeedUi;

/// <summary>
/// A co-play room as each participant sees it: others' turns named (by viewer id, so two guests stay apart), one's own
/// unlabelled, live and after a reload; only the owner gets Share, Regenerate, Branch, Remove and Close room.
/// </summary>
public sealed class RoomPeopleTests : FeedUiContext
{
    const string Code = "K7P2QX";
    static readonly string LongName = new('W', 500);

    static readonly RoomParticipantView[] People =
    [
        new() { ViewerId = "ana", Name = "Ana", IsOwner = true },
        new() { ViewerId = "me", Name = "Guest" },
        new() { ViewerId = "g2", Name = "Guest" },
    ];

    static SessionTurnView Said(long seq, string author, string name, string text) =>
        new() { Seq = seq, Role = "viewer", Text = text, AuthorId = author, AuthorName = name };

    static SessionTurnView Reply(long seq, string text) => new() { Seq = seq, Role = "post", Text = text };

    static readonly SessionTurnView[] Story =
    [
        Said(1, "ana", "Ana", "Hello, both of you."),
        Reply(2, "The lamp sputters."),
        Said(3, "me", "Guest", "My own words."),
        Reply(4, "The stairs creak."),
        Said(5, "g2", "Guest", "The other guest speaks."),
        Reply(6, "Wind howls."),
    ];

    SessionSnapshotView AsParticipant() => Hub.Snapshot with
    {
        ViewerId = "me", IsOwner = false, RoomCode = Code, LastEventSeq = 12, Participants = People, Turns = Story,
        Branches = [new() { BranchId = "main", Kind = "main" }, new() { BranchId = "b1", Kind = "branch", ForkTurnSeq = 2 }],
    };

    IRenderedComponent<ConversationPanel> Join() =>
        Context.Render<ConversationPanel>(p => p.Add(x => x.PostId, "").Add(x => x.RoomCode, Code).Add(x => x.Title, "a shared conversation"));

    static string? AuthorOf(IRenderedComponent<ConversationPanel> cut, long seq) =>
        cut.FindAll($".turn[data-seq='{seq}'] [data-testid=turn-author]").SingleOrDefault()?.TextContent.TrimEnd(':');

    [Fact]
    public async Task OthersTurns_showTheirNames_liveAndAfterReload_whileOwnTurnsStayUnlabelled()
    {
        Hub.Snapshot = AsParticipant();
        var cut = Join();
        await Hub.WaitForCallAsync($"JoinSession {Code}");
        await Hub.WaitForStreamsAsync(1);

        cut.WaitForAssertion(() => Assert.Equal("Ana", AuthorOf(cut, 1)));
        Assert.Null(AuthorOf(cut, 3));
        Assert.Contains("You:", cut.Find(".turn[data-seq='3'] .sr-only").TextContent);
        // Two people called "Guest": this viewer is the first of them (they joined first), the other is told apart.
        Assert.Equal("Guest 2", AuthorOf(cut, 5));

        // Live: a newcomer with a markup name, a 500-character name, and this viewer's own message from another tab.
        var room = Hub.Streams.ElementAt(0).Writer;
        await room.WriteAsync(new SessionEventView { Seq = 13, Kind = "message", Role = "viewer", TurnSeq = 7, Text = "Hi!", AuthorId = "x1", AuthorName = "<b onclick=alert(1)>Bo</b>" });
        await room.WriteAsync(new SessionEventView { Seq = 14, Kind = "message", Role = "viewer", TurnSeq = 8, Text = "Long one.", AuthorId = "x2", AuthorName = LongName });
        await room.WriteAsync(new SessionEventView { Seq = 15, Kind = "message", Role = "viewer", TurnSeq = 9, Text = "Me again.", AuthorId = "me", AuthorName = "Guest" });
        await room.WriteAsync(new SessionEventView { Seq = 16, Kind = "message", Role = "viewer", TurnSeq = 10, Text = "Guest two again.", AuthorId = "g2", AuthorName = "Guest" });
        cut.WaitForAssertion(() => Assert.Equal("Guest 2", AuthorOf(cut, 10)));

        Assert.Equal("<b onclick=alert(1)>Bo</b>", AuthorOf(cut, 7));
        Assert.Empty(cut.FindAll(".turn b, [onclick]"));
        Assert.Equal(new string('W', RoomNames.MaxLength - 1) + "…", AuthorOf(cut, 8));
        Assert.Null(AuthorOf(cut, 9));
        // The newcomers joined the room's list as they spoke.
        Assert.Contains(cut.FindAll("[data-testid=room-person]"), li => li.GetAttribute("data-viewer-id") == "x1");

        // After a reload the snapshot's turns carry the same authors: the same names.
        cut.Dispose();
        Hub.Snapshot = AsParticipant() with
        {
            LastEventSeq = 16,
            Turns = [.. Story, Said(7, "x1", "<b onclick=alert(1)>Bo</b>", "Hi!"), Said(8, "x2", LongName, "Long one."), Said(9, "me", "Guest", "Me again."), Said(10, "g2", "Guest", "Guest two again.")],
        };
        var again = Join();
        await Hub.WaitForCallAsync("Resume s1 16");
        again.WaitForAssertion(() => Assert.Equal("Ana", AuthorOf(again, 1)));
        Assert.Equal(["Ana", "Guest 2", "<b onclick=alert(1)>Bo</b>", new string('W', RoomNames.MaxLength - 1) + "…", "Guest 2"],
            again.FindAll("[data-testid=turn-author]").Select(a => a.TextContent.TrimEnd(':')));
        Assert.Null(AuthorOf(again, 3));
        Assert.Null(AuthorOf(again, 9));
    }

    [Fact]
    public async Task Participant_seesNoShareRegenerateOrBranch_butWhoseRoomItIs()
    {
        Hub.Snapshot = AsParticipant();
        var cut = Join();
        await Hub.WaitForCallAsync($"JoinSession {Code}");
        await Hub.WaitForStreamsAsync(1);

        cut.WaitForAssertion(() => Assert.Contains("Ana's room · 3 people", cut.Find("[data-testid=room-people]").TextContent));
        Assert.Empty(cut.FindAll("[data-testid=share], [data-testid=regenerate], [data-testid=branch-from], [data-testid=branch-switcher]"));
        Assert.Empty(cut.FindAll("[data-testid=remove-participant], [data-testid=close-room]"));
        Assert.Equal(["Ana", "You", "Guest 2"], cut.FindAll(".room-person-name").Select(n => n.TextContent));
        // The composer stays: participants talk like the owner.
        Assert.False(cut.Find("input.composer-input").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Owner_seesTheControlsAndThePeople_RemoveAndCloseCallTheHub()
    {
        Hub.Snapshot = AsParticipant() with
        {
            ViewerId = "ana", IsOwner = true,
            Turns = [.. Story, Said(7, "ana", "Ana", "Let's go."), Reply(8, "The door opens.")],
        };
        var cut = Context.Render<ConversationPanel>(p => p.Add(x => x.PostId, "p1").Add(x => x.Title, "The Lighthouse"));
        await Hub.WaitForCallAsync("StartSession p1");
        await Hub.WaitForStreamsAsync(1);

        cut.WaitForAssertion(() => Assert.Contains("Your room · 3 people", cut.Find("[data-testid=room-people]").TextContent));
        Assert.Single(cut.FindAll("[data-testid=share]"));
        Assert.Single(cut.FindAll("[data-testid=regenerate]"));
        Assert.NotEmpty(cut.FindAll("[data-testid=branch-from]"));
        Assert.Single(cut.FindAll("[data-testid=branch-switcher]"));
        // The owner's own turns are unlabelled; both guests are named, apart.
        Assert.Null(AuthorOf(cut, 1));
        Assert.Equal(("Guest", "Guest 2"), (AuthorOf(cut, 3), AuthorOf(cut, 5)));
        Assert.Equal(["You", "Guest", "Guest 2"], cut.FindAll(".room-person-name").Select(n => n.TextContent));
        Assert.Equal(2, cut.FindAll("[data-testid=remove-participant]").Count);

        cut.Find("[aria-label='Remove Guest 2 from the room']").Click();
        await Hub.WaitForCallAsync("RemoveParticipant s1 g2");
        cut.WaitForAssertion(() => Assert.Equal(["You", "Guest"], cut.FindAll(".room-person-name").Select(n => n.TextContent)));
        Assert.Contains("Guest 2 left the room", cut.Find("[data-testid=room-people]").TextContent);

        cut.Find("[data-testid=close-room]").Click();
        await Hub.WaitForCallAsync("CloseRoom s1");
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=room-people]")));
        Assert.Contains("The room is closed", cut.Find(".branch-bar").TextContent);
    }

    [Fact]
    public async Task Remove_refusedByTheHub_showsWhy_andKeepsThePerson()
    {
        Hub.Snapshot = AsParticipant() with { ViewerId = "ana", IsOwner = true };
        Hub.RoomFailure = new ConversationException("'g2' is not in this room.");
        var cut = Context.Render<ConversationPanel>(p => p.Add(x => x.PostId, "p1").Add(x => x.Title, "The Lighthouse"));
        await Hub.WaitForStreamsAsync(1);
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=remove-participant]").Count));

        cut.Find("[aria-label='Remove Guest 2 from the room']").Click();
        await Hub.WaitForCallAsync("RemoveParticipant s1 g2");

        cut.WaitForAssertion(() => Assert.Contains("not in this room", cut.Find("[role=alert]").TextContent));
        Assert.Equal(3, cut.FindAll(".room-person-name").Count);
    }

    [Fact]
    public async Task Participant_followsTheOwnersBranchSwitch_byReloadingTheRoom()
    {
        Hub.Snapshot = AsParticipant();
        var cut = Join();
        await Hub.WaitForStreamsAsync(1);
        Hub.Snapshot = AsParticipant() with { BranchId = "b1", LastEventSeq = 13, Turns = [Story[0], Story[1], Said(7, "ana", "Ana", "A new path.")] };

        await Hub.Streams.ElementAt(0).Writer.WriteAsync(new SessionEventView { Seq = 13, Kind = "branch", Text = "The owner switched branch (b1). Reload the session to follow." });

        await Hub.WaitUntilAsync(h => h.Calls.Count(c => c == $"JoinSession {Code}") == 2, "a second JoinSession");
        cut.WaitForAssertion(() => Assert.Contains("A new path.", cut.Find(".turn[data-seq='7']").TextContent));
        Assert.Empty(cut.FindAll(".turn[data-seq='5']"));
    }
}
