using Microsoft.Playwright;

namespace FeedEngine.EndToEnd.Tests;

/// <summary>
/// The feed is ranked, and the shared app holds every test's posts, so a given card may sit on a later page: these
/// helpers scroll the way a reader does ("Show more") until it appears.
/// </summary>
public static class FeedScroll
{
    /// <summary>Waits until the WebAssembly feed runs in the page (its section says so).</summary>
    public static Task WaitUntilInteractiveAsync(IPage page) =>
        Assertions.Expect(page.Locator("section.feed[data-ready=true]")).ToBeVisibleAsync(new() { Timeout = 60_000 });

    /// <summary>Loads further pages until <paramref name="target"/> is in the feed; fails when the feed ends first.</summary>
    public static async Task ShowAsync(IPage page, ILocator target, int maxPages = 60)
    {
        await WaitUntilInteractiveAsync(page);
        var more = page.GetByRole(AriaRole.Button, new() { Name = "Show more" });
        for (var loaded = 0; await target.CountAsync() == 0; loaded++)
        {
            if (loaded >= maxPages || await more.CountAsync() == 0)
                throw new InvalidOperationException($"The feed ended after {loaded} more pages without showing {target}.");
            var before = await page.Locator("article.card").CountAsync();
            await more.ClickAsync();
            await Assertions.Expect(page.Locator("article.card")).Not.ToHaveCountAsync(before);
        }
        await target.First.ScrollIntoViewIfNeededAsync();
    }
}
