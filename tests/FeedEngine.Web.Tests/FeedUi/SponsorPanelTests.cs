using Bunit;
using FeedEngine.Web.Client.Talk;

namespace FeedEngine.Web.Tests.FeedUi;

/// <summary>Sponsored turns in the conversation panel: the welcome with tappable prompts, the brand's answer labelled while it streams.</summary>
public sealed class SponsorPanelTests : FeedUiContext
{
    IRenderedComponent<ConversationPanel> Open(string postId = "p1") =>
        Context.Render<ConversationPanel>(p => p.Add(x => x.PostId, postId).Add(x => x.Title, "The Lighthouse"));

    [Fact]
    public async Task SponsoredTurn_promptTapped_sendsIt_andTheBrandAnswerStreamsAsALabelledSponsorTurn()
    {
        var cut = Open();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("input.composer-input")));
        cut.Find("input.composer-input").Input("Go on");
        cut.Find("form.composer").Submit();
        await Hub.WaitForStreamsAsync(1);
        await Hub.Latest.WriteAsync(new SessionEventView { Seq = 1, Kind = "message", Role = "viewer", Text = "Go on", TurnSeq = 1 });
        await Hub.Latest.WriteAsync(new SessionEventView { Seq = 2, Kind = "turn", Role = "post", TurnSeq = 2, TurnStatus = "complete", Text = "The fog lifts." });
        await Hub.Latest.WriteAsync(new SessionEventView
        {
            Seq = 3, Kind = "sponsored", Role = "sponsor", TurnSeq = 3, Sponsored = true, Text = "Curious about our roast?",
            Sponsor = new SponsoredCardView { BrandName = "Harbor Coffee", SuggestedPrompts = ["What's in it?", "<b>Deals</b>"] },
        });
        Hub.Latest.Complete();

        cut.WaitForAssertion(() => Assert.Contains("Curious about our roast?", cut.Find(".turn.sponsor").TextContent));
        Assert.Equal("Sponsored", cut.Find(".turn.sponsor [data-testid=sponsored-turn]").TextContent);
        // Prompts are text, never markup.
        cut.WaitForAssertion(() => Assert.Equal(["What's in it?", "<b>Deals</b>"], cut.FindAll(".sponsor-prompts button").Select(b => b.TextContent)));
        Assert.Empty(cut.FindAll(".sponsor-prompts b"));

        cut.FindAll(".sponsor-prompts button")[0].Click();
        await Hub.WaitForCallAsync("Send s1 What's in it?");
        await Hub.WaitForStreamsAsync(2);
        await Hub.Latest.WriteAsync(new SessionEventView { Seq = 4, Kind = "message", Role = "viewer", Text = "What's in it?", TurnSeq = 4 });
        await Hub.Latest.WriteAsync(new SessionEventView { Seq = 5, Kind = "token", Text = "Dark beans ", Sponsored = true });
        cut.WaitForAssertion(() => Assert.Contains("Dark beans", cut.Find(".turn.sponsor[data-status=inProgress]").TextContent));
        Assert.Equal("Sponsored", cut.Find(".turn.sponsor[data-status=inProgress] [data-testid=sponsored-turn]").TextContent);
        Assert.Empty(cut.FindAll(".sponsor-prompts"));
        await Hub.Latest.WriteAsync(new SessionEventView { Seq = 6, Kind = "turn", Role = "sponsor", Sponsored = true, TurnSeq = 5, TurnStatus = "complete", Text = "Dark beans, sea salt." });

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll(".turn.sponsor[data-status=complete]").Count));
        Assert.Equal("Dark beans, sea salt.", cut.FindAll(".turn.sponsor[data-status=complete]")[1].QuerySelector(".rich-text")!.TextContent.Trim());
        Assert.Single(cut.FindAll(".turn.post:not(.greeting)"));
    }

    [Fact]
    public void BrandConversation_snapshotWithSponsor_isLabelledSponsoredInTheHeader()
    {
        Hub.Snapshot = Hub.Snapshot with { Title = "Harbor Coffee", Sponsor = new SponsoredCardView { BrandName = "Harbor Coffee", PlacementId = "pl1" } };

        var cut = Open("pl1");

        cut.WaitForAssertion(() => Assert.Equal("Sponsored", cut.Find("[data-testid=brand-conversation]").TextContent));
    }
}
