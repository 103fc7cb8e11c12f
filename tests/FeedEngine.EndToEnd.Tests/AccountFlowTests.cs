using System.Text.Json;
using Microsoft.Playwright;

namespace FeedEngine.EndToEnd.Tests;

[Collection(BrowserCollection.Name)]
public sealed class AccountFlowTests(BrowserApp browser)
{
    [Fact]
    public async Task Feed_listsTheSeededPosts()
    {
        var page = await browser.NewPageAsync();

        await page.GotoAsync("/");

        var cards = page.Locator("article.card");
        await Assertions.Expect(cards.First).ToBeVisibleAsync();
        foreach (var title in new[] { "The Lighthouse at Gull's End", "Captain Mara Vell", "Night Sky Quiz" })
        {
            await FeedScroll.ShowAsync(page, page.GetByRole(AriaRole.Heading, new() { Name = title }));
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = title })).ToBeVisibleAsync();
        }
        Assert.True(await cards.CountAsync() >= 5);
        // Covers load from their public URLs (no token on <img>).
        await Assertions.Expect(page.Locator("article.card img").First).ToBeVisibleAsync();
        Assert.True(await page.Locator("article.card img").First.EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ArtifactsDirectory, "feed.png"), FullPage = true });
    }

    [Fact]
    public async Task SignUp_signOut_signIn_inTheBrowser()
    {
        var page = await browser.NewPageAsync();
        var email = $"browser-{Guid.NewGuid():n}@example.com";
        const string password = "a browser password";

        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign up" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Create your account" })).ToBeVisibleAsync();
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByLabel("Display name").FillAsync("Robin Browser");
        await page.GetByLabel("create posts").CheckAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ArtifactsDirectory, "signup.png") });
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign up" }).ClickAsync();

        // Signed in: the header names the person and offers sign-out; the creator may open the studio.
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Robin Browser" })).ToBeVisibleAsync();
        await page.GotoAsync("/studio");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Studio" })).ToBeVisibleAsync();

        await page.GetByTestId("signout").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Robin Browser" })).ToHaveCountAsync(0);

        await page.GotoAsync("/account/signin");
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync("not my password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("form-error")).ToHaveTextAsync("The e-mail address or the password is wrong.");

        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Robin Browser" })).ToBeVisibleAsync();
        await page.GotoAsync("/account");
        await Assertions.Expect(page.GetByTestId("display-name")).ToHaveTextAsync("Robin Browser");

        // The feed's browser code gets a short-lived bearer token for the cookie-signed-in person.
        var browserToken = await page.APIRequest.GetAsync("/api/auth/browser-token");
        Assert.Equal(200, browserToken.Status);
        var token = JsonDocument.Parse(await browserToken.TextAsync()).RootElement.GetProperty("accessToken").GetString();
        var me = await browser.Playwright.APIRequest.NewContextAsync(new() { BaseURL = browser.BaseUrl });
        var account = await me.GetAsync("/api/auth/me", new() { Headers = new Dictionary<string, string> { ["Authorization"] = $"Bearer {token}" } });
        Assert.Contains("Robin Browser", await account.TextAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ArtifactsDirectory, "account.png") });
    }

    [Fact]
    public async Task SignUp_invalidInput_showsTheFieldErrorsAndKeepsTheForm()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/account/signup");

        // Bypass the browser's own checks to reach the server's.
        await page.EvalOnSelectorAllAsync("input", "els => els.forEach(e => { e.removeAttribute('required'); e.removeAttribute('minlength'); e.removeAttribute('maxlength'); e.type = e.type === 'email' ? 'text' : e.type; })");
        await page.GetByLabel("E-mail").FillAsync("not-an-address");
        await page.GetByLabel("Password").FillAsync("short");
        await page.GetByLabel("Display name").FillAsync("Someone");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign up" }).ClickAsync();

        await Assertions.Expect(page.Locator(".field-error[data-field=email]")).ToContainTextAsync("e-mail address like");
        await Assertions.Expect(page.Locator(".field-error[data-field=password]")).ToContainTextAsync("at least 8");
        await Assertions.Expect(page.GetByLabel("Display name")).ToHaveValueAsync("Someone");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ArtifactsDirectory, "signup-errors.png") });
    }

    [Fact]
    public async Task Studio_forAViewer_isRefused()
    {
        var page = await browser.NewPageAsync();
        var email = $"viewer-{Guid.NewGuid():n}@example.com";
        await page.GotoAsync("/account/signup");
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync("viewer password");
        await page.GetByLabel("Display name").FillAsync("Vera Viewer");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign up" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Vera Viewer" })).ToBeVisibleAsync();

        await page.GotoAsync("/studio");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Not allowed" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task GuestToken_fromTheRunningServer_isAcceptedByTheApi()
    {
        var request = await browser.Playwright.APIRequest.NewContextAsync(new() { BaseURL = browser.BaseUrl });

        var guest = await request.PostAsync("/api/auth/guest");
        Assert.Equal(200, guest.Status);
        using var body = JsonDocument.Parse(await guest.TextAsync());
        var token = body.RootElement.GetProperty("accessToken").GetString();
        var viewerId = body.RootElement.GetProperty("viewerId").GetString();

        var me = await request.GetAsync("/api/auth/me", new() { Headers = new Dictionary<string, string> { ["Authorization"] = $"Bearer {token}" } });
        Assert.Equal(200, me.Status);
        using var account = JsonDocument.Parse(await me.TextAsync());
        Assert.Equal(viewerId, account.RootElement.GetProperty("userId").GetString());

        var forged = await request.GetAsync("/api/auth/me", new() { Headers = new Dictionary<string, string> { ["Authorization"] = "Bearer " + token![..^4] + "AAAA" } });
        Assert.Equal(401, forged.Status);
    }
}
