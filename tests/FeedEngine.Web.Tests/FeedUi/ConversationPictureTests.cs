using Bunit;
using FeedEngine.Web.Client.Talk;

namespace FeedEngine.Web.Tests.FeedUi;

/// <summary>Scene pictures in the conversation panel: the pending note, the picture inline with its AI-generated badge, and after a refresh.</summary>
public sealed class ConversationPictureTests : FeedUiContext
{
    const string PictureUrl = "/images/img123/full.webp";

    IRenderedComponent<ConversationPanel> Open() =>
        Context.Render<ConversationPanel>(p => p.Add(x => x.PostId, "p1").Add(x => x.Title, "The Lighthouse"));

    async Task<IRenderedComponent<ConversationPanel>> SendAsync(string text)
    {
        var cut = Open();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("input.composer-input")));
        cut.Find("input.composer-input").Input(text);
        cut.Find("form.composer").Submit();
        await Hub.WaitForStreamsAsync(1);
        await Hub.Latest.WriteAsync(new SessionEventView { Seq = 1, Kind = "message", Role = "viewer", Text = text, TurnSeq = 1 });
        await Hub.Latest.WriteAsync(new SessionEventView { Seq = 2, Kind = "token", Text = "You reach the cave." });
        await Hub.Latest.WriteAsync(new SessionEventView { Seq = 3, Kind = "turn", Role = "post", TurnSeq = 2, TurnStatus = "complete", Text = "You reach the cave.", ImagePending = true });
        return cut;
    }

    [Fact]
    public async Task Send_turnWithAPicturePending_showsTheNote_freesTheComposer_thenShowsThePictureWithTheAiBadge()
    {
        var cut = await SendAsync("I enter the cave");

        cut.WaitForAssertion(() => Assert.Contains("Drawing a picture", cut.Find(".turn.post[data-seq='2'] [data-testid=picture-pending]").TextContent));
        // The reply is done: no Stop button, the composer works while the picture is drawn.
        Assert.Empty(cut.FindAll("[data-testid=stop]"));
        cut.Find("input.composer-input").Input("Next");
        // The input event renders on the renderer's dispatcher, which the panel's stream loop shares: wait for it.
        cut.WaitForAssertion(() => Assert.False(cut.Find("form.composer button[type=submit]").HasAttribute("disabled")));

        await Hub.Latest.WriteAsync(new SessionEventView { Seq = 4, Kind = "image", ImageUrl = PictureUrl, TurnSeq = 3, ForTurnSeq = 2, AiGenerated = true });

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("figure.turn-picture")));
        Assert.Empty(cut.FindAll("[data-testid=picture-pending]"));
        var picture = cut.Find(".turn.post[data-seq='3'] figure.turn-picture");
        Assert.Equal("true", picture.GetAttribute("data-ai-generated"));
        Assert.Equal(PictureUrl, picture.QuerySelector("img")!.GetAttribute("src"));
        Assert.Equal("AI-generated picture of the scene", picture.QuerySelector("img")!.GetAttribute("alt"));
        Assert.Equal("AI-generated", picture.QuerySelector("[data-testid=ai-badge]")!.TextContent.Trim());
        // The reply's text stays on its own turn, the picture follows it.
        Assert.Equal("You reach the cave.", cut.Find(".turn.post[data-seq='2'] .rich-text").TextContent.Trim());
        Assert.Contains(Context.JSInterop.Invocations, i => i.Identifier == "sessionStorage.setItem" && i.Arguments[1]!.ToString()!.Contains("\"lastSeq\":4"));
    }

    [Fact]
    public async Task Send_streamEndsWithoutThePicture_removesTheNote_andShowsNoPicture()
    {
        var cut = await SendAsync("I enter the cave");
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=picture-pending]")));

        Hub.Latest.Complete();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=picture-pending]")));
        Assert.Empty(cut.FindAll("figure.turn-picture"));
        Assert.Equal("You reach the cave.", cut.Find(".turn.post[data-seq='2'] .rich-text").TextContent.Trim());
    }

    [Fact]
    public async Task SendWhileThePictureIsDrawn_theFirstStreamEnding_doesNotEndTheNewReply()
    {
        var cut = await SendAsync("I enter the cave");
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=picture-pending]")));
        var first = Hub.Latest;

        cut.Find("input.composer-input").Input("I light a torch");
        cut.Find("form.composer").Submit();
        await Hub.WaitForStreamsAsync(2);
        await Hub.Latest.WriteAsync(new SessionEventView { Seq = 4, Kind = "message", Role = "viewer", Text = "I light a torch", TurnSeq = 3 });
        await Hub.Latest.WriteAsync(new SessionEventView { Seq = 5, Kind = "token", Text = "The flame" });
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=stop]")));

        // The first exchange's picture failed: its stream ends; the reply being written keeps its Stop button.
        first.Complete();
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=picture-pending]")));
        Assert.NotEmpty(cut.FindAll("[data-testid=stop]"));

        await Hub.Latest.WriteAsync(new SessionEventView { Seq = 6, Kind = "turn", Role = "post", TurnSeq = 4, TurnStatus = "complete", Text = "The flame catches." });
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=stop]")));
    }

    [Fact]
    public void RefreshedSnapshot_showsTheAiBadgeOnGeneratedPictures_andNoneOnAViewersAttachment()
    {
        Hub.Snapshot = Hub.Snapshot with
        {
            LastEventSeq = 4,
            Turns =
            [
                new SessionTurnView { Seq = 1, Role = "viewer", Text = "Look at this", ImageUrls = ["/images/mine/full.webp"] },
                new SessionTurnView { Seq = 2, Role = "post", Text = "A fine map." },
                new SessionTurnView { Seq = 3, Role = "post", Text = "", ImageUrls = [PictureUrl], AiGenerated = true },
            ],
        };

        var cut = Open();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("figure.turn-picture").Count));
        var generated = cut.Find(".turn.post[data-seq='3'] figure.turn-picture");
        Assert.Equal("AI-generated", generated.QuerySelector("[data-testid=ai-badge]")!.TextContent.Trim());
        Assert.Equal("AI-generated picture of the scene", generated.QuerySelector("img")!.GetAttribute("alt"));
        var attached = cut.Find(".turn.viewer figure.turn-picture");
        Assert.Null(attached.QuerySelector("[data-testid=ai-badge]"));
        Assert.Equal("Attached picture", attached.QuerySelector("img")!.GetAttribute("alt"));
        Assert.Single(cut.FindAll("[data-testid=ai-badge]"));
    }
}
