using Microsoft.Playwright;

namespace FeedEngine.EndToEnd.Tests;

/// <summary>The steps every studio test starts with, as a new creator takes them in the browser.</summary>
static class StudioSteps
{
    public const string HeistPersona = "You narrate a heist in a foggy harbor town. Keep replies short and end with a choice.";

    /// <summary>Signs up a new creator named <paramref name="name"/> in a fresh browser context; returns the signed-in page.</summary>
    public static async Task<IPage> SignUpCreatorAsync(BrowserApp browser, string name)
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/account/signup");
        await page.GetByLabel("E-mail").FillAsync($"studio-{Guid.NewGuid():n}@example.com");
        await page.GetByLabel("Password").FillAsync("a studio password");
        await page.GetByLabel("Display name").FillAsync(name);
        await page.GetByLabel("create posts").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign up" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = name, Exact = true })).ToBeVisibleAsync();
        return page;
    }

    /// <summary>Creates a game draft from the studio's New post form; the page is left on the draft's editor.</summary>
    public static async Task NewGameDraftAsync(IPage page, string title, string persona = HeistPersona)
    {
        await page.GotoAsync("/studio");
        await page.GetByTestId("new-post").ClickAsync();
        await page.GetByLabel("Title").FillAsync(title);
        await page.GetByLabel("Kind").SelectOptionAsync("game");
        await page.GetByLabel("Persona").FillAsync(persona);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create draft" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("done")).ToContainTextAsync("Draft created");
    }
}
