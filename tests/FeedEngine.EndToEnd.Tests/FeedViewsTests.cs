using System.Text.Json;
using FeedEngine.Storage.Posts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace FeedEngine.EndToEnd.Tests;

/// <summary>Creator analytics' views in a real browser: the feed reports the post cards in view, and each counts once.</summary>
[Collection(BrowserCollection.Name)]
public sealed class FeedViewsTests(BrowserApp browser)
{
    [Fact]
    public async Task Feed_postCardsInView_areReported_andCountedOncePerViewer()
    {
        var views = browser.App.Services.GetRequiredService<IPostViewRepository>();
        var page = await browser.NewPageAsync();
        var reported = page.WaitForResponseAsync(r => r.Url.EndsWith("/api/me/viewed", StringComparison.Ordinal) && r.Request.Method == "POST",
            new() { Timeout = 90_000 });

        await page.GotoAsync("/");
        var first = page.Locator("article.card[data-kind=post]").First;
        await Assertions.Expect(first).ToBeVisibleAsync();
        var firstId = (await first.GetAttributeAsync("data-post-id"))!;
        // The cards are prerendered; the report comes once the WebAssembly feed has started (slow on a busy machine).
        var response = await reported;

        Assert.Equal(200, response.Status);
        var sent = JsonDocument.Parse(response.Request.PostData!).RootElement.GetProperty("postIds").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains(firstId, sent);
        Assert.Equal(sent.Count, sent.Distinct().Count());
        // A new guest: every card sent is a new view today, and it is stored.
        Assert.Equal(sent.Count, JsonDocument.Parse(await response.TextAsync()).RootElement.GetProperty("counted").GetInt32());
        var afterFirst = await views.CountAsync(firstId, PostViewKind.View);
        Assert.True(afterFirst >= 1);
        // The same guest after a reload: the cards are reported again and the server counts none of them twice.
        var again = page.WaitForResponseAsync(r => r.Url.EndsWith("/api/me/viewed", StringComparison.Ordinal) && r.Request.Method == "POST",
            new() { Timeout = 90_000 });
        await page.ReloadAsync();
        var repeat = await again;
        Assert.Equal(0, JsonDocument.Parse(await repeat.TextAsync()).RootElement.GetProperty("counted").GetInt32());
        Assert.Equal(afterFirst, await views.CountAsync(firstId, PostViewKind.View));
    }
}
