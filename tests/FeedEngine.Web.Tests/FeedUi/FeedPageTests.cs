using Bunit;
using FeedEngine.Web.Client.Feed;
using FeedEngine.Web.Client.Pages;
using Microsoft.Extensions.DependencyInjection;

namespace FeedEngine.Web.Tests.FeedUi;

/// <summary>The feed page's empty, error and loaded states, with a feed source the test controls.</summary>
public sealed class FeedPageTests : FeedUiContext
{
    sealed class StubFeed(Func<string?, FeedPage> pages) : IFeedSource
    {
        public Task<FeedPage> GetPageAsync(string? cursor, int pageSize, CancellationToken cancellationToken = default) => Task.FromResult(pages(cursor));
    }

    static FeedItem Item(string id, string kind = "post") => new(kind, id, $"Post {id}", null, new FeedCreator("c", "Cy"), "Hook", "story", "everyone", []);

    [Fact]
    public void EmptyFeed_saysSo()
    {
        Context.Services.AddSingleton<IFeedSource>(new StubFeed(_ => new FeedPage([], null)));

        var cut = Context.Render<Home>();

        Assert.Contains("Nothing here yet", cut.Find(".empty").TextContent);
    }

    [Fact]
    public void FailingFeed_showsAnAlert()
    {
        Context.Services.AddSingleton<IFeedSource>(new StubFeed(_ => throw new HttpRequestException("down")));

        var cut = Context.Render<Home>();

        Assert.Contains("could not be loaded", cut.Find("[role=alert]").TextContent);
    }

    [Fact]
    public void ShowMore_appendsTheNextPage_withoutDuplicates_andSponsoredCardsKeepTheirLabel()
    {
        Context.Services.AddSingleton<IFeedSource>(new StubFeed(cursor => cursor is null
            ? new FeedPage([Item("a"), Item("ad", "sponsored")], "next")
            : new FeedPage([Item("a"), Item("b")], null)));
        var cut = Context.Render<Home>();
        Assert.Equal(2, cut.FindAll("article.card").Count);
        Assert.Single(cut.FindAll("[data-testid=sponsored-label]"));

        cut.Find("button.more").Click();

        cut.WaitForAssertion(() => Assert.Equal(["a", "ad", "b"], cut.FindAll("article.card").Select(c => c.GetAttribute("data-post-id"))));
        Assert.Contains("all caught up", cut.Markup);
    }

    [Fact]
    public void TappingACard_opensItsConversationInPlace()
    {
        Context.Services.AddSingleton<IFeedSource>(new StubFeed(_ => new FeedPage([Item("a"), Item("b")], null)));
        Hub.Snapshot = Hub.Snapshot with { PostId = "b" };
        var cut = Context.Render<Home>();

        cut.FindAll("button.talk-button")[1].Click();

        cut.WaitForAssertion(() => Assert.Equal("b", cut.Find("li.open article").GetAttribute("data-post-id")));
        Assert.NotNull(cut.Find("li.open [data-testid=conversation]"));
        Assert.Contains("StartSession b", Hub.Calls);
    }
}
