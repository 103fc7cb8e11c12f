using System.Text.Json;
using FeedEngine.Storage.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace FeedEngine.EndToEnd.Tests;

/// <summary>
/// Memory as a new guest meets it: they tell a post something about themselves, the session goes quiet, the engine
/// remembers it (the real extraction path, with the scripted model), and the memory page shows it, downloads it and
/// forgets it for good.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class MemoryPrivacyTests(BrowserApp browser)
{
    static string Shot(string name) => Path.Combine(BrowserApp.ArtifactsDirectory, name);

    IMemoryRepository Facts => browser.App.Services.GetRequiredService<IMemoryRepository>();

    [Fact]
    public async Task Guest_toldAPostAboutTheirDog_findsItOnTheMemoryPage_downloadsIt_andDeletesIt()
    {
        var page = await browser.NewPageAsync();
        // Talk to the lighthouse in place and say something worth remembering.
        var (_, talk) = await FeedScroll.OpenConversationAsync(page, "demo-lighthouse");
        var waitsBefore = browser.App.Quiet.Timers;
        await talk.GetByLabel("Your message").FillAsync("My dog is called Biscuit.");
        await talk.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Assertions.Expect(talk.Locator(".turn.post[data-status=complete]").Last).ToContainTextAsync("Hello there, traveller.");
        var viewerId = JsonDocument.Parse(await page.EvaluateAsync<string>("localStorage.getItem('feedengine.guest')")).RootElement.GetProperty("userId").GetString()!;

        // The session goes quiet: once its quiet wait has started, move the memory clock past it; the engine extracts.
        await WaitUntilAsync(() => Task.FromResult(browser.App.Quiet.Timers > waitsBefore), "the session's quiet wait to start");
        browser.App.Quiet.Advance(TimeSpan.FromHours(1));
        await WaitUntilAsync(async () => (await Facts.ListAsync(viewerId)).Count > 0, "the fact to be remembered");

        // The memory page, from the top bar, shows the fact and where it came from.
        await page.GetByRole(AriaRole.Link, new() { Name = "Memory & privacy" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Memory & privacy" })).ToBeVisibleAsync();
        var fact = page.Locator("li.memory-fact");
        await Assertions.Expect(fact).ToHaveCountAsync(1);
        await Assertions.Expect(fact.Locator(".fact-text")).ToHaveTextAsync("The viewer's dog is called Biscuit.");
        await Assertions.Expect(fact.Locator(".fact-source")).ToContainTextAsync("From your message 1 in The Lighthouse at Gull's End");
        await Assertions.Expect(fact.Locator("blockquote")).ToHaveTextAsync("My dog is called Biscuit.");
        await page.ScreenshotAsync(new() { Path = Shot("memory-privacy.png"), FullPage = true });

        // Download my data: a JSON file with the conversation and the memory.
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Download my data" }).ClickAsync());
        Assert.Matches(@"^feedengine-data-\d{4}-\d{2}-\d{2}\.json$", download.SuggestedFilename);
        var exported = JsonDocument.Parse(await File.ReadAllTextAsync((await download.PathAsync())!)).RootElement;
        Assert.Equal(viewerId, exported.GetProperty("account").GetProperty("userId").GetString());
        Assert.Contains(exported.GetProperty("sessions").EnumerateArray().SelectMany(s => s.GetProperty("turns").EnumerateArray()),
            t => t.GetProperty("text").GetString() == "My dog is called Biscuit.");
        Assert.Equal("The viewer's dog is called Biscuit.", Assert.Single(exported.GetProperty("memories").EnumerateArray()).GetProperty("text").GetString());

        // Forget it, with the keyboard: it is gone from the page, after a reload, and from the store.
        await page.GetByRole(AriaRole.Button, new() { Name = "Forget: The viewer's dog is called Biscuit." }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(fact).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("memory-empty")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Forgotten" })).ToHaveCountAsync(1);
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByTestId("memory-empty")).ToBeVisibleAsync();
        Assert.Empty(await Facts.ListAsync(viewerId));
        await page.ScreenshotAsync(new() { Path = Shot("memory-privacy-forgotten.png"), FullPage = true });
    }

    /// <summary>Waits for something the app does in the background, checking often; fails after a generous minute.</summary>
    static async Task WaitUntilAsync(Func<Task<bool>> done, string what)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while (!await done())
        {
            if (limit.IsCancellationRequested) Assert.Fail($"Gave up waiting for {what}.");
            await Task.Delay(50, CancellationToken.None);
        }
    }
}
