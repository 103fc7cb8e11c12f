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

    /// <summary>
    /// Opens the feed, scrolls to the card of <paramref name="postId"/> and opens its conversation in place with its
    /// Talk button; returns the card and the conversation panel.
    /// </summary>
    public static async Task<(ILocator Card, ILocator Talk)> OpenConversationAsync(IPage page, string postId)
    {
        await page.GotoAsync("/");
        var card = page.Locator("li", new() { Has = page.Locator($"article[data-post-id={postId}]") });
        await ShowAsync(page, card);
        await card.GetByRole(AriaRole.Button, new() { Name = "Talk", Exact = true }).ClickAsync();
        return (card, card.GetByTestId("conversation"));
    }

    /// <summary>
    /// Loads further pages until <paramref name="target"/> is in the feed; fails when the feed ends first. The feed also
    /// loads by itself when its end scrolls into view (infinite scroll), so the "Show more" button can turn into
    /// "Loading…" or disappear between finding it and clicking it: a click that does not happen is not an error, the
    /// loop looks again.
    /// </summary>
    public static async Task ShowAsync(IPage page, ILocator target, int maxPages = 60)
    {
        await WaitUntilInteractiveAsync(page);
        var more = page.GetByRole(AriaRole.Button, new() { Name = "Show more" });
        var cards = page.Locator("article.card");
        var ended = page.Locator(".feed-end .end");
        for (var tries = 0; await target.CountAsync() == 0; tries++)
        {
            if (tries >= maxPages * 3 || (await ended.CountAsync() > 0 && await target.CountAsync() == 0))
                throw new InvalidOperationException($"The feed ended (or {maxPages} pages passed) without showing {target}.");
            var before = await cards.CountAsync();
            try
            {
                await more.ClickAsync(new() { Timeout = 5_000 });
            }
            catch (TimeoutException)
            {
                // Loading by itself, or already at its end: look again.
            }
            try
            {
                await Assertions.Expect(cards).Not.ToHaveCountAsync(before, new() { Timeout = 10_000 });
            }
            catch (Exception e) when (e is PlaywrightException or TimeoutException)
            {
                // No new cards yet (or none left): the loop checks the target and the end again.
            }
        }
        await target.First.ScrollIntoViewIfNeededAsync();
    }
}
