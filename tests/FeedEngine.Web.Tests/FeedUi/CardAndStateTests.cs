using System.Text.Json;
using Bunit;
using FeedEngine.Web.Client.Feed;
using FeedEngine.Web.Client.Talk;

namespace FeedEngine.Web.Tests.FeedUi;

/// <summary>Feed cards, the state panel and the status banner, rendered alone.</summary>
public sealed class CardAndStateTests : FeedUiContext
{
    static FeedItem Item(string kind = "post", bool liked = false) => new(
        kind, "p1", "The Lighthouse", null, new FeedCreator("c1", "Ada <b>Writer</b>"), "The lamp went **dark**.", "game", "everyone",
        ["mystery"], Why: "You follow Ada.", Liked: liked);

    [Fact]
    public void PostCard_post_showsTitleCreatorKindWhyAndActions_noSponsoredLabel()
    {
        var opened = 0;
        var cut = Context.Render<PostCard>(p => p.Add(x => x.Item, Item()).Add(x => x.OnOpen, () => opened++)
            .Add(x => x.OnLike, () => { }).Add(x => x.OnHide, () => { }).Add(x => x.OnFollow, () => { }));

        Assert.Equal("The Lighthouse", cut.Find("h2").TextContent);
        Assert.Equal("/creators/c1", cut.Find(".creator a").GetAttribute("href"));
        Assert.Contains("Ada <b>Writer</b>", cut.Find(".creator a").TextContent);
        Assert.Empty(cut.FindAll(".creator b"));
        Assert.Equal("Game", cut.Find(".badge").TextContent);
        Assert.Equal("You follow Ada.", cut.Find("details.why p").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=sponsored-label]"));
        Assert.Equal("false", cut.Find("button.like").GetAttribute("aria-pressed"));
        Assert.Contains("Not interested", cut.Markup);

        cut.Find("button.talk-button").Click();
        Assert.Equal(1, opened);
    }

    [Fact]
    public void PostCard_sponsored_isLabelled_andOffersNoLikeFollowOrHide()
    {
        var cut = Context.Render<PostCard>(p => p.Add(x => x.Item, Item("sponsored"))
            .Add(x => x.OnLike, () => { }).Add(x => x.OnHide, () => { }).Add(x => x.OnFollow, () => { }));

        Assert.Equal("Sponsored", cut.Find("[data-testid=sponsored-label]").TextContent);
        Assert.Empty(cut.FindAll("button.like"));
        Assert.Empty(cut.FindAll("button.follow"));
        Assert.DoesNotContain("Not interested", cut.Markup);
    }

    [Fact]
    public void PostCard_liked_isPressed()
    {
        var cut = Context.Render<PostCard>(p => p.Add(x => x.Item, Item(liked: true)).Add(x => x.OnLike, () => { }));

        Assert.Equal("true", cut.Find("button.like").GetAttribute("aria-pressed"));
        Assert.Contains("Liked", cut.Find("button.like").TextContent);
    }

    [Fact]
    public void StatePanel_changedValue_pulsesAndIsAnnounced_unchangedOnesDoNot()
    {
        var cut = Context.Render<StatePanel>(p => p.Add(x => x.State, Json("""{"location":"harbor","goldCoins":3,"inventory":["lamp"]}""")));

        Assert.Equal(["Location", "Gold coins", "Inventory"], cut.FindAll("dt").Select(d => d.TextContent));
        Assert.Equal("lamp", cut.Find("[data-key=inventory] dd").TextContent.Trim());
        Assert.Empty(cut.FindAll(".state-entry.changed"));

        cut.Render(p => p.Add(x => x.State, Json("""{"location":"cave","goldCoins":3,"inventory":["lamp","rope"]}""")));

        Assert.Equal(["location", "inventory"], cut.FindAll(".state-entry.changed").Select(e => e.GetAttribute("data-key")));
        Assert.Contains("Location: cave", cut.Find("[data-testid=state-announcement]").TextContent);
        Assert.Equal("lamp, rope", cut.Find("[data-key=inventory] dd").TextContent.Trim());
    }

    [Fact]
    public void StatePanel_hostileValue_isText_andNoStateShowsNothing()
    {
        var cut = Context.Render<StatePanel>(p => p.Add(x => x.State, Json("""{"note":"<img src=x onerror=alert(1)>"}""")));
        Assert.Empty(cut.FindAll("img"));
        Assert.Contains("<img src=x onerror=alert(1)>", cut.Find("dd").TextContent);

        var empty = Context.Render<StatePanel>(p => p.Add(x => x.State, (JsonElement?)null));
        Assert.Empty(empty.FindAll("[data-testid=state-panel]"));
    }

    [Fact]
    public void StatusBanner_busy_countsDownWithTheClock()
    {
        var status = new SessionStatusView { Code = "busy", Message = "Every model slot is taken.", RetryAfterSeconds = 3 };
        var cut = Context.Render<StatusBanner>(p => p.Add(x => x.Status, status));

        Assert.Equal("busy", cut.Find("[data-testid=status]").GetAttribute("data-code"));
        Assert.Contains("Try again in 3 s", cut.Find("[data-testid=countdown]").TextContent);

        Clock.Advance(TimeSpan.FromSeconds(1));
        cut.WaitForAssertion(() => Assert.Contains("Try again in 2 s", cut.Find("[data-testid=countdown]").TextContent));
        Clock.Advance(TimeSpan.FromSeconds(2));
        cut.WaitForAssertion(() => Assert.Contains("You can try again now", cut.Find("[data-testid=countdown]").TextContent));
    }

    [Theory]
    [InlineData("modelUnavailable", "alert", "unavailable")]
    [InlineData("blocked", "alert", "blocked")]
    [InlineData("stopped", "status", "Stopped")]
    [InlineData("rateLimited", "status", "Slow down")]
    public void StatusBanner_codes_haveTheirWordsAndRole(string code, string role, string words)
    {
        var cut = Context.Render<StatusBanner>(p => p.Add(x => x.Status, new SessionStatusView { Code = code, Message = "Details." }));

        var banner = cut.Find("[data-testid=status]");
        Assert.Equal(role, banner.GetAttribute("role"));
        Assert.Contains(words, banner.TextContent);
        Assert.Contains("Details.", banner.TextContent);
    }

    [Fact]
    public void StatusBanner_reconnecting_winsOverOtherStatus()
    {
        var cut = Context.Render<StatusBanner>(p => p.Add(x => x.Connection, ConnectionState.Reconnecting)
            .Add(x => x.Status, new SessionStatusView { Code = "busy" }));

        Assert.Equal("reconnecting", cut.Find("[data-testid=status]").GetAttribute("data-code"));
        Assert.Contains("Reconnecting", cut.Markup);
    }

    static JsonElement? Json(string json) => JsonSerializer.Deserialize<JsonElement>(json);
}
