using FeedEngine.Storage.Posts;
using FeedEngine.Web.Tests.Rendering;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace FeedEngine.EndToEnd.Tests;

/// <summary>
/// Hostile text in Chromium: every payload of the XSS corpus, batched into the hooks, titles and creator names of a
/// few published posts, rendered by the WebAssembly feed under the Content-Security-Policy. A hook installed before
/// any page script records every <c>xss()</c> call, dialog and policy violation; none may happen.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SafeRenderingTests(BrowserApp browser)
{
    const int PayloadsPerPost = 34;

    const string Hook = """
        window.__xss = [];
        window.xss = () => window.__xss.push('xss() ran');
        for (const name of ['alert', 'confirm', 'prompt', 'print']) window[name] = (m) => window.__xss.push(name + ':' + m);
        window.__csp = [];
        document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));
        """;

    [Fact]
    public async Task Feed_withHostilePosts_runsNoScriptAndViolatesNoPolicy()
    {
        var titles = await PublishHostilePostsAsync();
        var page = await browser.NewPageAsync();
        var dialogs = new List<string>();
        var consoleProblems = new List<string>();
        page.Dialog += async (_, dialog) => { dialogs.Add(dialog.Message); await dialog.DismissAsync(); };
        page.Console += (_, message) => { if (message.Text.Contains("Refused", StringComparison.Ordinal)) consoleProblems.Add(message.Text); };
        page.PageError += (_, error) => consoleProblems.Add(error);
        await page.AddInitScriptAsync(Hook);

        // The WebAssembly feed takes over the prerendered page once it runs; later pages are rendered in the browser.
        var response = await page.GotoAsync("/");
        Assert.Contains("'wasm-unsafe-eval'", response!.Headers["content-security-policy"]);
        foreach (var title in titles)
        {
            await FeedScroll.ShowAsync(page, page.GetByRole(AriaRole.Heading, new() { Name = title }));
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = title })).ToBeVisibleAsync();
        }
        // The seeded posts still show: the policy does not break the feed.
        await FeedScroll.ShowAsync(page, page.GetByRole(AriaRole.Heading, new() { Name = "Captain Mara Vell" }));

        // Interaction-triggered payloads get their chance too.
        var hooks = page.Locator("article.card .rich-text");
        // Dispatched rather than hovered: a clamped hook may have no box on screen, and the handlers must not run either way.
        for (var i = 0; i < await hooks.CountAsync(); i++)
            foreach (var kind in new[] { "mouseover", "mouseenter", "focus" })
                await hooks.Nth(i).DispatchEventAsync(kind);

        var executable = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('article.card *')].flatMap(el => {
                const found = [];
                if (['SCRIPT','STYLE','IFRAME','OBJECT','EMBED','SVG','MATH','FORM','INPUT','BASE','META','LINK'].includes(el.tagName.toUpperCase())) found.push(el.tagName);
                for (const a of el.attributes) {
                    if (a.name.startsWith('on') || a.name === 'style' || a.name === 'srcdoc') found.push(el.tagName + '@' + a.name);
                    if ((a.name === 'href' || a.name === 'src') && /^\s*(?![a-z]+:\/\/)[a-z][a-z0-9+.-]*:/i.test(a.value) && !/^\s*https?:/i.test(a.value)) found.push(el.tagName + '@' + a.name + '=' + a.value);
                }
                return found;
            })
            """);
        Assert.Empty(executable);
        Assert.Empty(await page.EvaluateAsync<string[]>("() => window.__xss"));
        Assert.Empty(await page.EvaluateAsync<string[]>("() => window.__csp"));
        Assert.Empty(dialogs);
        Assert.Empty(consoleProblems);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ArtifactsDirectory, "hostile-feed.png"), FullPage = true });
    }

    /// <summary>Publishes the corpus in batches, dated long ago so the posts sit below the seeded ones in the shared feed.</summary>
    async Task<List<string>> PublishHostilePostsAsync()
    {
        var posts = browser.App.Services.GetRequiredService<IPostRepository>();
        var titles = new List<string>();
        var batches = XssPayloads.All.Chunk(PayloadsPerPost).ToList();
        for (var i = 0; i < batches.Count; i++)
        {
            var title = $"Hostile batch {i + 1} <img src=x onerror=xss()>";
            var post = new PostDocument
            {
                Id = $"xss-{Guid.NewGuid():n}",
                CreatorId = "xss-creator",
                CreatorName = "<svg onload=xss()>Mallory\u202E",
                Status = PostStatus.Draft,
                Draft = new PostContent
                {
                    Title = title,
                    Kind = PostKind.Character,
                    Hook = string.Join("\n\n", batches[i]),
                    Persona = string.Join("\n", batches[i]),
                    Tags = ["<script>xss()</script>"],
                },
                CreatedAt = DateTime.UtcNow,
                UpdatedAt = DateTime.UtcNow,
            };
            await posts.InsertAsync(post);
            await posts.PublishAsync(post, $"xss:{post.Id}", new DateTime(2001, 1, 1, 0, 0, i, DateTimeKind.Utc));
            titles.Add(title);
        }
        return titles;
    }
}
