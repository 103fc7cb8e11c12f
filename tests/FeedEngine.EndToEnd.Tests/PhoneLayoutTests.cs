using Microsoft.Playwright;

namespace FeedEngine.EndToEnd.Tests;

/// <summary>Every page a viewer, creator or advertiser opens fits a phone: nothing makes the page scroll sideways.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PhoneLayoutTests(BrowserApp browser)
{
    internal const int PhoneWidth = 390, PhoneHeight = 844;

    static string Shot(string name) => Path.Combine(BrowserApp.ArtifactsDirectory, name);

    async Task<IPage> PhonePageAsync()
    {
        var page = await browser.NewPageAsync();
        await page.SetViewportSizeAsync(PhoneWidth, PhoneHeight);
        return page;
    }

    /// <summary>
    /// Null when the page, as it stands, is no wider than its window; otherwise how wide it is and the first elements past
    /// the edge, so a failure says what to fix.
    /// </summary>
    internal static async Task<string?> SidewaysAsync(IPage page)
    {
        var found = await page.EvaluateAsync<string[]>("""
            () => {
              const root = document.documentElement, limit = root.clientWidth;
              if (root.scrollWidth <= limit) return [];
              return [`${root.scrollWidth} px wide on a ${limit} px phone`, ...[...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > limit + 1 && getComputedStyle(e).position !== 'fixed' && !e.closest('nav.nav'))
                .slice(0, 5)
                .map(e => `${e.tagName.toLowerCase()}${e.className ? '.' + String(e.className).trim().replace(/\s+/g, '.') : ''} (right edge ${Math.round(e.getBoundingClientRect().right)} px)`)];
            }
            """);
        return found.Length == 0 ? null : $"{found[0]}; {string.Join(", ", found[1..])}";
    }

    /// <summary>Opens <paramref name="path"/> and says what makes it wider than the phone (<see cref="SidewaysAsync"/>).</summary>
    internal static async Task<string?> OverflowAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        return await SidewaysAsync(page) is { } wide ? $"{path}: {wide}" : null;
    }

    [Fact]
    public async Task GuestPages_fitAPhone()
    {
        var page = await PhonePageAsync();
        var failures = new List<string>();
        foreach (var path in new[] { "/", "/me/conversations", "/me/privacy", "/account/signin", "/account/signup", "/account/forgot", "/advertise", "/no-such-page" })
        {
            if (await OverflowAsync(page, path) is { } failure) failures.Add(failure);
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task CreatorAndAdvertiserPages_fitAPhone()
    {
        var failures = new List<string>();
        foreach (var (role, label, paths) in new[]
        {
            ("creator", "create posts", new[] { "/studio", "/studio/new", "/account" }),
            ("advertiser", "advertise", new[] { "/advertise", "/advertise/campaigns", "/advertise/campaigns/new" }),
        })
        {
            var page = await PhonePageAsync();
            await page.GotoAsync("/account/signup");
            await page.GetByLabel("E-mail").FillAsync($"{role}-{Guid.NewGuid():n}@example.com");
            await page.GetByLabel("Password").FillAsync($"{role} phone password");
            await page.GetByLabel("Display name").FillAsync($"Phone {role}");
            await page.GetByLabel(label).CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign up" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = $"Phone {role}" })).ToBeAttachedAsync();
            foreach (var path in paths)
            {
                if (await OverflowAsync(page, path) is { } failure) failures.Add(failure);
            }
            await page.ScreenshotAsync(new() { Path = Shot($"phone-{role}.png"), FullPage = true });
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task APostsEditorPreviewAndAnalytics_fitAPhone()
    {
        var page = await StudioSteps.SignUpCreatorAsync(browser, "Pip Phone");
        await page.SetViewportSizeAsync(PhoneWidth, PhoneHeight);
        await StudioSteps.NewGameDraftAsync(page, "Phone heist", "You narrate a heist in a foggy harbor town.");
        var editor = new Uri(page.Url).AbsolutePath;

        var failures = new List<string>();
        foreach (var path in new[] { editor, editor + "/preview", editor + "/analytics" })
        {
            if (await OverflowAsync(page, path) is { } failure) failures.Add(failure);
        }
        await page.GotoAsync(editor);
        await page.ScreenshotAsync(new() { Path = Shot("phone-studio-editor.png") });
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
