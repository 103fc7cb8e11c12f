using System.Net.Http.Json;
using FeedEngine.Web.Tests;
using FeedEngine.Web.Tests.Safety;
using Microsoft.Playwright;

namespace FeedEngine.EndToEnd.Tests;

[Collection(BrowserCollection.Name)]
public sealed class ReportQueueTests(BrowserApp browser)
{
    [Fact]
    public async Task Admin_unpublishesAReportedPostFromTheQueue_andTheReporterSeesTheOutcome()
    {
        var app = browser.App;
        var (_, _, postId, _, _) = await SafetyApi.CreatorWithPostAsync(app, "Queue <b>test</b> post");
        var (_, _, viewerEmail, viewerPassword) = await app.SignUpAsync();
        await SafetyApi.AdminAsync(app);

        // The viewer reports from the post's report page (linked from its feed card).
        var reporter = await browser.NewPageAsync();
        await SignInAsync(reporter, viewerEmail, viewerPassword);
        await reporter.GotoAsync($"/posts/{postId}/report");
        await reporter.GetByLabel("What is wrong?").SelectOptionAsync("Hate");
        await reporter.GetByLabel("Details (optional)").FillAsync("<img src=x onerror=xss()> not nice");
        await reporter.GetByRole(AriaRole.Button, new() { Name = "Send report" }).ClickAsync();
        await Assertions.Expect(reporter.GetByTestId("report-message")).ToContainTextAsync("We will review this post");

        var page = await browser.NewPageAsync();
        await SignInAsync(page, FeedEngineApp.AdminEmail, "admin password here");
        await page.GotoAsync("/admin/reports");
        var item = page.Locator("li.report").Filter(new() { HasText = "Queue <b>test</b> post" });
        await Assertions.Expect(item).ToBeVisibleAsync();
        await Assertions.Expect(item).ToContainTextAsync("<img src=x onerror=xss()> not nice");
        await item.GetByPlaceholder("Note for the reporter").FillAsync("Hateful content.");
        await item.GetByRole(AriaRole.Button, new() { Name = "Unpublish post" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("queue-message")).ToContainTextAsync("taken down");
        await Assertions.Expect(page.Locator("li.report").Filter(new() { HasText = "Queue <b>test</b> post" })).ToHaveCountAsync(0);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ArtifactsDirectory, "report-queue.png"), FullPage = true });

        await reporter.GotoAsync("/account/reports");
        await Assertions.Expect(reporter.GetByTestId("my-reports")).ToContainTextAsync("taken down. Hateful content.");
    }

    [Fact]
    public async Task Viewer_blocksACreatorFromTheReportPage_andTheirPostsLeaveTheFeed()
    {
        var (_, _, postId, _, _) = await SafetyApi.CreatorWithPostAsync(browser.App, "Post by a creator to block");
        var (_, _, email, password) = await browser.App.SignUpAsync();
        var page = await browser.NewPageAsync();
        await SignInAsync(page, email, password);
        await page.GotoAsync("/");
        var card = page.Locator($"article.card[data-post-id='{postId}']");
        await FeedScroll.ShowAsync(page, card);
        await Assertions.Expect(card).ToBeVisibleAsync();

        await card.GetByRole(AriaRole.Link, new() { Name = "Report or block" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Block this creator" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("report-message")).ToContainTextAsync("no longer appear in your feed");

        await page.GotoAsync("/");
        await Assertions.Expect(page.Locator("article.card").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator($"article.card[data-post-id='{postId}']")).ToHaveCountAsync(0);
    }

    static async Task SignInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/account/signin");
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("signout")).ToBeVisibleAsync();
    }
}
