using FeedEngine.TestSupport;
using Microsoft.Playwright;

namespace FeedEngine.EndToEnd.Tests;

/// <summary>The studio as a new creator uses it: sign up, author, fix what the editor flags, publish, find the post in the feed.</summary>
[Collection(BrowserCollection.Name)]
public sealed class StudioFlowTests(BrowserApp browser)
{
    static string Shot(string name) => Path.Combine(BrowserApp.ArtifactsDirectory, name);

    [Fact]
    public async Task Creator_authorsAGameWithStateAndLore_fixesTheFlaggedDefault_publishes_andFindsItInTheFeed()
    {
        var page = await StudioSteps.SignUpCreatorAsync(browser, "Sam Studio");
        var title = $"Harbor Heist {Guid.NewGuid().ToString("n")[..6]}";

        await StudioSteps.NewGameDraftAsync(page, title);

        await page.GetByLabel("Hook").FillAsync("The vault opens at midnight. You have one night to plan.");
        await page.GetByTestId("add-state").ClickAsync();
        var state = page.GetByTestId("state-row").First;
        await state.GetByLabel("Name").FillAsync("alarm");
        await state.GetByLabel("Type").SelectOptionAsync("int");
        await state.GetByLabel("Lowest").FillAsync("0");
        await state.GetByLabel("Highest").FillAsync("10");
        await state.GetByLabel("Starting value").FillAsync("15");
        await page.GetByTestId("add-lore").ClickAsync();
        var lore = page.GetByTestId("lore-row").First;
        await lore.GetByLabel("Name").FillAsync("The vault");
        await lore.Locator("input[name$='].Keys']").FillAsync("vault, safe");
        await lore.GetByLabel("Content").FillAsync("The vault sits under the customs house; its door is on a timer.");
        // The state row typed before the lore row was added survived the round trip.
        await Assertions.Expect(page.GetByTestId("state-row").First.GetByLabel("Starting value")).ToHaveValueAsync("15");
        await page.GetByTestId("save").ClickAsync();

        await Assertions.Expect(page.GetByTestId("form-error")).ToContainTextAsync("The post has 1 problem");
        var flagged = page.Locator(".field-error[data-field='stateSchema[0].default']");
        await Assertions.Expect(flagged).ToHaveTextAsync("The starting value 15 of 'alarm' is outside its bounds 0 to 10: choose a value from 0 to 10.");
        await Assertions.Expect(page.GetByTestId("lore-row").First.Locator("input[name$='].Keys']")).ToHaveValueAsync("vault, safe");
        await flagged.ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new() { Path = Shot("studio-validation.png") });

        await page.GetByTestId("state-row").First.GetByLabel("Starting value").FillAsync("0");
        await page.GetByTestId("save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("done")).ToHaveTextAsync("Draft saved.");
        await Assertions.Expect(page.Locator(".field-error")).ToHaveCountAsync(0);

        // A cover chosen while a field is edited: both are saved together.
        var cover = Path.Combine(Path.GetTempPath(), $"cover-{Guid.NewGuid():n}.png");
        await File.WriteAllBytesAsync(cover, TestCards.Picture(240, 360));
        await page.GetByLabel("Tags").FillAsync("heist, harbor");
        await page.GetByTestId("cover-file").SetInputFilesAsync(cover);
        await page.GetByTestId("upload-cover").ClickAsync();
        await Assertions.Expect(page.GetByTestId("done")).ToHaveTextAsync("Cover uploaded and the draft saved.");
        await Assertions.Expect(page.Locator("img.cover-preview")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("Tags")).ToHaveValueAsync("heist, harbor");

        await page.GetByTestId("publish").ClickAsync();
        await Assertions.Expect(page.GetByTestId("done")).ToContainTextAsync("Published as version 1");
        await Assertions.Expect(page.GetByTestId("post-status")).ToHaveTextAsync("Published");
        await page.ScreenshotAsync(new() { Path = Shot("studio-published.png"), FullPage = true });

        // The preview shows the starting state, the budget, and which lore entries a message would bring in.
        await page.GetByRole(AriaRole.Link, new() { Name = "Preview" }).ClickAsync();
        await page.GetByLabel("Try a message against the lore keys").FillAsync("Can we get into the VAULT tonight?");
        await page.GetByRole(AriaRole.Button, new() { Name = "Check keys" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("preview-lore")).ToContainTextAsync("fires: 'vault'");
        await Assertions.Expect(page.GetByTestId("preview-state")).ToContainTextAsync("alarm");
        await Assertions.Expect(page.GetByTestId("preview-budget")).ToContainTextAsync("Persona: about 22 tokens");
        await page.ScreenshotAsync(new() { Path = Shot("studio-preview.png") });

        var viewer = await browser.NewPageAsync();
        await viewer.GotoAsync("/");
        await Assertions.Expect(viewer.GetByRole(AriaRole.Heading, new() { Name = title })).ToBeVisibleAsync();
        var card = viewer.Locator("article.card", new() { Has = viewer.GetByRole(AriaRole.Heading, new() { Name = title }) });
        Assert.True(await card.Locator("img").EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"));
        await viewer.ScreenshotAsync(new() { Path = Shot("studio-feed.png") });
    }

    [Fact]
    public async Task Creator_importsAPngCard_getsADraftWithItsLoreAndCover_andSeesAConflictFromAnotherTab()
    {
        var page = await StudioSteps.SignUpCreatorAsync(browser, "Ida Import");
        var card = Path.Combine(Path.GetTempPath(), $"wren-{Guid.NewGuid():n}.png");
        await File.WriteAllBytesAsync(card, TestCards.PngCard(TestCards.V3(), "ccv3"));

        await page.GotoAsync("/studio");
        await page.GetByTestId("card-file").SetInputFilesAsync(card);
        await page.GetByRole(AriaRole.Button, new() { Name = "Import card" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("done")).ToContainTextAsync("Card imported");
        await Assertions.Expect(page.GetByLabel("Title")).ToHaveValueAsync("Wren the Cartographer");
        await Assertions.Expect(page.GetByTestId("lore-row")).ToHaveCountAsync(3);
        await Assertions.Expect(page.Locator("img.cover-preview")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Shot("studio-imported.png"), FullPage = true });

        // Export: the PNG card downloads with the signed-in cookie and carries the card.
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("export-png").ClickAsync());
        var exported = await File.ReadAllBytesAsync((await download.PathAsync())!);
        Assert.Equal("Wren-the-Cartographer.png", download.SuggestedFilename);
        Assert.Equal([137, 80, 78, 71], exported[..4]);
        Assert.Contains("ccv3", System.Text.Encoding.Latin1.GetString(exported));

        // A second tab saves first; this tab's save is refused and its edits stay in the form.
        var other = await page.Context.NewPageAsync();
        await other.GotoAsync(page.Url.Split('?')[0]);
        await other.GetByLabel("Hook").FillAsync("Saved in the other tab");
        await other.GetByTestId("save").ClickAsync();
        await Assertions.Expect(other.GetByTestId("done")).ToHaveTextAsync("Draft saved.");

        await page.GetByLabel("Hook").FillAsync("Saved in this tab");
        await page.GetByTestId("save").ClickAsync();

        await Assertions.Expect(page.GetByTestId("conflict")).ToContainTextAsync("saved elsewhere");
        await Assertions.Expect(page.GetByTestId("conflict")).ToContainTextAsync("Changed there: hook");
        await Assertions.Expect(page.GetByLabel("Hook")).ToHaveValueAsync("Saved in this tab");
        await page.ScreenshotAsync(new() { Path = Shot("studio-conflict.png") });
    }
}
