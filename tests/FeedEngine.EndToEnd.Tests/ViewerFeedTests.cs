using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using FeedEngine.Web.Tests.Posts;
using Microsoft.Playwright;

namespace FeedEngine.EndToEnd.Tests;

/// <summary>The viewer's feed as a new guest uses it: scroll, talk in place, state changes, a refresh mid-reply, follows.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ViewerFeedTests(BrowserApp browser)
{
    static string Shot(string name) => Path.Combine(BrowserApp.ArtifactsDirectory, name);

    /// <summary>A creator with <paramref name="count"/> published public posts, so the feed has more than one page.</summary>
    async Task<(string CreatorId, string Name)> CreatorWithPostsAsync(int count)
    {
        var name = $"Nell Harbor {Guid.NewGuid().ToString("n")[..4]}";
        var (client, account, _, _) = await browser.App.SignUpAsync("creator");
        for (var i = 0; i < count; i++)
        {
            var body = JsonSerializer.SerializeToNode(PostsApi.Game($"Tide Tale {i + 1}"))!.AsObject();
            body["kind"] = i % 2 == 0 ? "story" : "character";
            body["stateSchema"] = new JsonArray();
            var post = await PostsApi.CreateAsync(client, body);
            await PostsApi.OkAsync(await PostsApi.PublishAsync(client, PostsApi.Id(post)));
        }
        return (account.UserId, account.Account.DisplayName);
    }

    static async Task<IPage> OpenFeedAsync(BrowserApp browser, int width = 1280, int height = 900)
    {
        var page = await browser.NewPageAsync();
        var console = new List<string>();
        page.Console += (_, message) => { lock (console) console.Add($"{message.Type}: {message.Text}"); };
        page.PageError += (_, error) => { lock (console) console.Add($"page error: {error}"); };
        await page.SetViewportSizeAsync(width, height);
        await page.GotoAsync("/");
        try
        {
            await Assertions.Expect(page.Locator("section.feed[data-ready=true]")).ToBeVisibleAsync();
        }
        catch (PlaywrightException e)
        {
            var html = await page.Locator("main").InnerHTMLAsync();
            lock (console) throw new InvalidOperationException("The feed did not become interactive. Browser console:\n" + string.Join("\n", console) + "\n" + html[..Math.Min(html.Length, 3000)], e);
        }
        return page;
    }

    [Fact]
    public async Task Guest_scrollsToASecondPage_talksInPlace_seesTheStateChange_andARefreshMidReplyLosesNothing()
    {
        await CreatorWithPostsAsync(10);
        var page = await OpenFeedAsync(browser);
        var cards = page.Locator("article.card");
        await Assertions.Expect(cards).ToHaveCountAsync(12);
        await page.ScreenshotAsync(new() { Path = Shot("feed.png") });

        // Scrolling to the end loads the next page; no card appears twice.
        await page.Locator(".feed-end").ScrollIntoViewIfNeededAsync();
        await Assertions.Expect(cards.Nth(12)).ToBeVisibleAsync();
        var ids = await cards.EvaluateAllAsync<string[]>("cards => cards.map(c => c.dataset.postId)");
        Assert.True(ids.Length > 12);
        Assert.Equal(ids.Length, ids.Distinct().Count());

        // Open the lighthouse game in place, with the keyboard.
        var card = page.Locator("li", new() { Has = page.Locator("article[data-post-id=demo-lighthouse]") });
        await card.GetByRole(AriaRole.Button, new() { Name = "Talk", Exact = true }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        var talk = card.GetByTestId("conversation");
        await Assertions.Expect(talk).ToBeVisibleAsync();
        await Assertions.Expect(talk.GetByTestId("state-panel")).ToContainTextAsync("harbor");
        await Assertions.Expect(talk.GetByRole(AriaRole.Group, new() { Name = "Suggested replies" })).ToContainTextAsync("Climb to the lighthouse");

        await talk.GetByLabel("Your message").FillAsync("Climb the tower");
        await talk.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Assertions.Expect(talk.Locator(".turn.post[data-status=complete]").Last).ToContainTextAsync("You climb the spiral stairs. The lamp room is cold.");
        await Assertions.Expect(talk.Locator("[data-key=location] dd")).ToHaveTextAsync("lighthouse");
        await Assertions.Expect(talk.Locator("[data-key=location]")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("changed"));
        Assert.DoesNotContain("<state>", await talk.InnerTextAsync());
        await talk.ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new() { Path = Shot("feed-conversation.png") });

        // A reply in progress survives a refresh: the page reopens the conversation and resumes after the last event.
        browser.App.Model.Hold();
        await talk.GetByLabel("Your message").FillAsync("Tell me a long story");
        await talk.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Assertions.Expect(talk.Locator(".turn.post[data-status=inProgress]")).ToContainTextAsync("light still turned");
        await Assertions.Expect(talk.GetByTestId("stop")).ToBeVisibleAsync();
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("section.feed[data-ready=true]")).ToBeVisibleAsync();
        var reopened = page.GetByTestId("conversation");
        await Assertions.Expect(reopened.Locator(".turn.post[data-status=inProgress]")).ToContainTextAsync("light still turned");
        browser.App.Model.Release();
        await Assertions.Expect(reopened.Locator(".turn.post[data-status=complete]").Last)
            .ToContainTextAsync("Once, when the light still turned, the harbor slept under a thin blanket of sea fog and gulls kept watch. a keeper climbed the stairs every night and never missed one.");
        Assert.Equal(1, await reopened.Locator(".turn.viewer", new() { HasText = "Tell me a long story" }).CountAsync());
    }

    [Fact]
    public async Task Guest_talksInPlace_onAPhone_andNothingSpillsSideways()
    {
        var page = await OpenFeedAsync(browser, PhoneLayoutTests.PhoneWidth, PhoneLayoutTests.PhoneHeight);
        var card = page.Locator("li", new() { Has = page.Locator("article[data-post-id=demo-lighthouse]") });
        await card.ScrollIntoViewIfNeededAsync();
        await card.GetByRole(AriaRole.Button, new() { Name = "Talk", Exact = true }).ClickAsync();
        var talk = card.GetByTestId("conversation");
        await Assertions.Expect(talk).ToBeVisibleAsync();

        await talk.GetByLabel("Your message").FillAsync("Climb the tower");
        var send = talk.GetByRole(AriaRole.Button, new() { Name = "Send" });
        await send.ScrollIntoViewIfNeededAsync();
        await Assertions.Expect(send).ToBeInViewportAsync();

        // The message box keeps the row, with Send beside it; the picture control is its "+" and keeps its name for screen readers.
        var input = await talk.GetByLabel("Your message").BoundingBoxAsync();
        var sendBox = await send.BoundingBoxAsync();
        Assert.True(input!.Width >= 150, $"The message box is {input.Width} px wide on a phone.");
        Assert.True(Math.Abs(sendBox!.Y + sendBox.Height / 2 - (input.Y + input.Height / 2)) < 8, "Send is not beside the message box.");
        await Assertions.Expect(talk.GetByLabel("Attach a picture")).ToHaveCountAsync(1);
        await send.ClickAsync();
        await Assertions.Expect(talk.Locator(".turn.post[data-status=complete]").Last).ToContainTextAsync("You climb the spiral stairs. The lamp room is cold.");
        await Assertions.Expect(talk.Locator("[data-key=location] dd")).ToHaveTextAsync("lighthouse");

        // The page is exactly as wide as the phone: no part of the card or the conversation makes it scroll sideways.
        Assert.Null(await PhoneLayoutTests.SidewaysAsync(page));
        var box = await talk.BoundingBoxAsync();
        Assert.True(box!.X >= 0 && box.X + box.Width <= PhoneLayoutTests.PhoneWidth, $"The conversation spans {box.X} to {box.X + box.Width} px.");
        await page.EvaluateAsync("() => document.querySelector('[data-testid=conversation] .composer').scrollIntoView({ block: 'end' })");
        await page.ScreenshotAsync(new() { Path = Shot("feed-conversation-phone.png") });

        // With a conversation behind them, the viewer's own pages fit the phone too.
        Assert.Null(await PhoneLayoutTests.OverflowAsync(page, "/me/conversations"));
        await Assertions.Expect(page.GetByText("The Lighthouse at Gull's End").First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Shot("my-conversations-phone.png"), FullPage = true });
        Assert.Null(await PhoneLayoutTests.OverflowAsync(page, "/me/privacy"));
    }

    [Fact]
    public async Task Guest_followsACreator_andFindsTheirProfile_onAPhone()
    {
        var (creatorId, name) = await CreatorWithPostsAsync(2);
        var page = await OpenFeedAsync(browser, 390, 844);

        // The sticky header stays short on a phone: its links scroll sideways in one row, and every one can be reached.
        var header = await page.Locator("header.topbar").BoundingBoxAsync();
        Assert.True(header!.Height <= 110, $"The phone header is {header.Height} px tall.");
        var signIn = page.Locator("nav.nav").GetByRole(AriaRole.Link, new() { Name = "Sign in" });
        await signIn.ScrollIntoViewIfNeededAsync();
        await Assertions.Expect(signIn).ToBeInViewportAsync();

        var card = page.Locator("article.card", new() { Has = page.Locator($".creator a[href='/creators/{creatorId}']") }).First;
        await card.ScrollIntoViewIfNeededAsync();

        await card.GetByRole(AriaRole.Button, new() { Name = "Follow" }).ClickAsync();
        await Assertions.Expect(card.GetByRole(AriaRole.Button, new() { Name = "Following" })).ToHaveAttributeAsync("aria-pressed", "true");
        await card.Locator($".creator a[href='/creators/{creatorId}']").ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = name })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("follower-count")).ToContainTextAsync("1 follower");
        await Assertions.Expect(page.Locator(".creator-header").GetByRole(AriaRole.Button, new() { Name = "Following" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("article.card")).ToHaveCountAsync(2);
        await page.ScreenshotAsync(new() { Path = Shot("creator-profile-phone.png"), FullPage = true });
    }
}
