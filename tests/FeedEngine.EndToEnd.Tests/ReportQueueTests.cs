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
        var (viewer, _, viewerEmail, viewerPassword) = await app.SignUpAsync();
        (await viewer.PostAsJsonAsync("/api/reports", new { postId, reason = "hate", details = "<img src=x onerror=xss()> not nice" })).EnsureSuccessStatusCode();
        await SafetyApi.AdminAsync(app);

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

        var reporter = await browser.NewPageAsync();
        await SignInAsync(reporter, viewerEmail, viewerPassword);
        await reporter.GotoAsync("/account/reports");
        await Assertions.Expect(reporter.GetByTestId("my-reports")).ToContainTextAsync("taken down. Hateful content.");
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
