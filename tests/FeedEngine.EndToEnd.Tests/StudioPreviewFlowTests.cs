using Microsoft.Playwright;

namespace FeedEngine.EndToEnd.Tests;

/// <summary>
/// A new creator's whole loop: sign up, author a game with a state schema and two lore entries, talk to the draft in
/// the preview (through the session runtime and the app's model) and read its debug view, publish, and find the post
/// in the feed as a viewer, who cannot open the creator's preview.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class StudioPreviewFlowTests(BrowserApp browser)
{
    static string Shot(string name) => Path.Combine(BrowserApp.ArtifactsDirectory, name);

    [Fact]
    public async Task Creator_previewsTheDraft_seesLoreFireAndStateApply_publishes_andAViewerFindsIt()
    {
        var page = await StudioSteps.SignUpCreatorAsync(browser, "Pia Quill");
        var title = $"Customs House Job {Guid.NewGuid().ToString("n")[..6]}";
        await StudioSteps.NewGameDraftAsync(page, title);

        await page.GetByTestId("add-state").ClickAsync();
        var state = page.GetByTestId("state-row").First;
        await state.GetByLabel("Name").FillAsync("alarm");
        await state.GetByLabel("Type").SelectOptionAsync("int");
        await state.GetByLabel("Lowest").FillAsync("0");
        await state.GetByLabel("Highest").FillAsync("10");
        await state.GetByLabel("Starting value").FillAsync("0");
        await page.GetByTestId("add-lore").ClickAsync();
        await page.GetByTestId("add-lore").ClickAsync();
        var vault = page.GetByTestId("lore-row").Nth(0);
        await vault.GetByLabel("Name").FillAsync("The vault");
        await vault.Locator("input[name$='].Keys']").FillAsync("vault, safe");
        await vault.GetByLabel("Content").FillAsync("The vault sits under the customs house; its door is on a timer.");
        var master = page.GetByTestId("lore-row").Nth(1);
        await master.GetByLabel("Name").FillAsync("The harbor master");
        await master.Locator("input[name$='].Keys']").FillAsync("harbor master, Mo");
        await master.GetByLabel("Content").FillAsync("Old Mo runs the harbor and owes the crew a favour.");
        await page.GetByTestId("save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("done")).ToHaveTextAsync("Draft saved.");
        var editUrl = page.Url.Split('?')[0];

        // The preview: a conversation with the saved draft through the session runtime.
        await page.GetByRole(AriaRole.Link, new() { Name = "Preview" }).ClickAsync();
        await page.GetByTestId("preview-start").ClickAsync();
        await Assertions.Expect(page.GetByTestId("preview-send")).ToBeVisibleAsync();
        await page.GetByLabel("Your message").FillAsync("Can we crack the vault tonight?");
        await page.GetByTestId("preview-send").ClickAsync();

        var reply = page.GetByTestId("preview-turn").Nth(1);
        await Assertions.Expect(reply).ToContainTextAsync("You recall: The vault: The vault sits under the customs house");
        await Assertions.Expect(reply).Not.ToContainTextAsync("<state>");
        var trace = page.GetByTestId("trace").First;
        await Assertions.Expect(trace.GetByTestId("trace-lore")).ToContainTextAsync("The vault");
        await Assertions.Expect(trace.GetByTestId("trace-lore")).ToContainTextAsync("keyword: 'vault'");
        await Assertions.Expect(trace.GetByTestId("trace-lore")).Not.ToContainTextAsync("The harbor master");
        await Assertions.Expect(trace.Locator("tr.changed")).ToHaveTextAsync("alarm02");
        await Assertions.Expect(trace.GetByTestId("trace-applied")).ToContainTextAsync("inc alarm");
        await Assertions.Expect(trace.GetByTestId("trace-budget")).ToContainTextAsync("Prompt: about");
        await Assertions.Expect(page.GetByTestId("preview-live-state")).ToContainTextAsync("\"alarm\":2");
        await page.ScreenshotAsync(new() { Path = Shot("studio-preview-lore-state.png"), FullPage = true });

        // A change the schema refuses shows with its reason; the state keeps its value.
        await page.GetByLabel("Your message").FillAsync("Ask the harbor master for dynamite");
        await page.GetByTestId("preview-send").ClickAsync();
        await Assertions.Expect(page.GetByTestId("trace")).ToHaveCountAsync(2);
        var second = page.GetByTestId("trace").First;
        await Assertions.Expect(second).ToHaveAttributeAsync("data-turn", "4");
        await Assertions.Expect(second.GetByTestId("trace-lore")).ToContainTextAsync("The harbor master");
        await Assertions.Expect(second.GetByTestId("trace-rejected")).ToContainTextAsync("alarm: ");
        await Assertions.Expect(second.Locator("tr.changed")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("preview-live-state")).ToContainTextAsync("\"alarm\":2");
        await page.ScreenshotAsync(new() { Path = Shot("studio-preview-rejected.png"), FullPage = true });
        var previewUrl = page.Url;

        // Publish, then the post is in the feed for a viewer; the creator's preview is not the viewer's to open.
        await page.GotoAsync(editUrl);
        await page.GetByTestId("publish").ClickAsync();
        await Assertions.Expect(page.GetByTestId("done")).ToContainTextAsync("Published as version 1");

        var viewer = await browser.NewPageAsync();
        await viewer.GotoAsync("/");
        await Assertions.Expect(viewer.GetByRole(AriaRole.Heading, new() { Name = title })).ToBeVisibleAsync();
        await viewer.ScreenshotAsync(new() { Path = Shot("studio-preview-feed.png") });
        await viewer.GotoAsync(previewUrl);
        await Assertions.Expect(viewer.GetByTestId("preview-conversation")).ToHaveCountAsync(0);
        await Assertions.Expect(viewer.GetByText("Can we crack the vault tonight?")).ToHaveCountAsync(0);
    }
}
