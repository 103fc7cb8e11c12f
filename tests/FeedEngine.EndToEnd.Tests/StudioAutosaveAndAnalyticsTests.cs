using FeedEngine.Storage.Sessions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace FeedEngine.EndToEnd.Tests;

/// <summary>The editor saves by itself and shows a conflict between two tabs instead of overwriting; the analytics page reads without hovering.</summary>
[Collection(BrowserCollection.Name)]
public sealed class StudioAutosaveAndAnalyticsTests(BrowserApp browser)
{
    static string Shot(string name) => Path.Combine(BrowserApp.ArtifactsDirectory, name);

    async Task<IPage> NewDraftAsync(string name, string title)
    {
        var page = await StudioSteps.SignUpCreatorAsync(browser, name);
        await StudioSteps.NewGameDraftAsync(page, title, "You narrate a heist in a foggy harbor town.");
        return page;
    }

    [Fact]
    public async Task Editor_autosaves_andASecondTabGetsTheConflictWithItsEditsKept()
    {
        var page = await NewDraftAsync("Ada Autosave", "Autosaved heist");
        var editUrl = page.Url.Split('?')[0];
        var other = await page.Context.NewPageAsync();
        await other.GotoAsync(editUrl);

        var versionBefore = int.Parse(await page.GetByTestId("draft-version").InnerTextAsync());
        await page.GetByLabel("Hook").FillAsync("Typed in the first tab");
        await Assertions.Expect(page.GetByTestId("autosave")).ToContainTextAsync("Saved at");
        // The side panel shows the version the autosave made, not the one the page was rendered with.
        await Assertions.Expect(page.GetByTestId("draft-version")).ToHaveTextAsync((versionBefore + 1).ToString());

        await other.GetByLabel("Hook").FillAsync("Typed in the second tab");
        await Assertions.Expect(other.GetByTestId("autosave")).ToContainTextAsync("saved elsewhere");
        await Assertions.Expect(other.GetByTestId("autosave")).ToContainTextAsync("Changed there: hook.");
        await Assertions.Expect(other.GetByLabel("Hook")).ToHaveValueAsync("Typed in the second tab");
        await other.ScreenshotAsync(new() { Path = Shot("studio-autosave-conflict.png") });

        // The first tab goes on saving with the version it got back; nothing from the second tab overwrote it.
        await page.GetByLabel("Hook").FillAsync("Typed again in the first tab");
        await Assertions.Expect(page.GetByTestId("autosave")).ToContainTextAsync("Saved at");
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByLabel("Hook")).ToHaveValueAsync("Typed again in the first tab");

        // Saving by hand in the second tab shows the editor's conflict, still without overwriting.
        await other.GetByTestId("save").ClickAsync();
        await Assertions.Expect(other.GetByTestId("conflict")).ToContainTextAsync("Changed there: hook");
        await Assertions.Expect(other.GetByLabel("Hook")).ToHaveValueAsync("Typed in the second tab");
    }

    [Fact]
    public async Task Analytics_pageShowsTheFiguresAndLabelledBars()
    {
        var page = await NewDraftAsync("Nia Numbers", "Counted heist");
        var postId = page.Url.Split('?')[0].Split('/')[^1];
        var day = new DateTime(2026, 2, 1, 9, 0, 0, DateTimeKind.Utc);
        await StoreAsync(postId, "viewer-a", day, "VPVPVP");
        await StoreAsync(postId, "viewer-b", day, "VP");
        await StoreAsync(postId, "viewer-a", day.AddDays(1), "VPSVP");
        await StoreAsync(postId, "viewer-c", day, "");

        await page.GotoAsync($"/studio/posts/{postId}/analytics");

        var figures = page.GetByTestId("analytics-figures");
        await Assertions.Expect(figures.Locator("[data-figure=sessions]")).ToHaveTextAsync("4");
        await Assertions.Expect(figures.Locator("[data-figure=viewers]")).ToHaveTextAsync("3");
        await Assertions.Expect(figures.Locator("[data-figure=returnViewers]")).ToHaveTextAsync("1");
        await Assertions.Expect(figures.Locator("[data-figure=turnsPerSession]")).ToHaveTextAsync("1.5");
        await Assertions.Expect(page.GetByTestId("analytics-funnel").Locator("[data-bar='1+ turns']")).ToHaveTextAsync("3 (75%)");
        await Assertions.Expect(page.GetByTestId("analytics-funnel").Locator("[data-bar='3+ turns']")).ToHaveTextAsync("1 (25%)");
        await Assertions.Expect(page.GetByTestId("analytics-leave").Locator("[data-bar='never wrote']")).ToHaveTextAsync("1");
        await Assertions.Expect(page.GetByTestId("analytics-leave").Locator("[data-bar='turn 2']")).ToHaveTextAsync("1");
        await page.ScreenshotAsync(new() { Path = Shot("studio-analytics.png"), FullPage = true });
    }

    async Task StoreAsync(string postId, string owner, DateTime at, string roles)
    {
        var sessionId = Guid.NewGuid().ToString("n");
        var services = browser.App.Services;
        await services.GetRequiredService<ISessionRepository>().InsertAsync(new SessionDocument
        {
            Id = sessionId, PostId = postId, PostVersion = 1, OwnerId = owner, Participants = [owner], CreatedAt = at, UpdatedAt = at,
        });
        for (var i = 0; i < roles.Length; i++)
        {
            var role = roles[i] switch { 'V' => TurnRole.Viewer, 'P' => TurnRole.Post, _ => TurnRole.Sponsor };
            await services.GetRequiredService<ITurnRepository>().AppendAsync(new TurnDocument
            {
                SessionId = sessionId, Seq = i + 1, Role = role, Sponsored = role == TurnRole.Sponsor, Text = "x", IdempotencyKey = $"{sessionId}:{i}", CreatedAt = at.AddMinutes(i),
            });
        }
    }
}
