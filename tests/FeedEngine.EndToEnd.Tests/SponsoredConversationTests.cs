using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using FeedEngine.Ads.Ranking;
using FeedEngine.Ads.Serving;
using FeedEngine.Web.Tests.Ads;
using FeedEngine.Web.Tests.Posts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace FeedEngine.EndToEnd.Tests;

/// <summary>A sponsored turn in a conversation, as a viewer meets it and the advertiser then counts it.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SponsoredConversationTests(BrowserApp browser)
{
    static string Shot(string name) => Path.Combine(BrowserApp.ArtifactsDirectory, name);

    /// <summary>An approved, untargeted campaign (every segment's slate) that bills engagements, ranked as Hangfire would rank it.</summary>
    async Task<(string CampaignId, FeedEngine.Web.Accounts.SignupResponse Account, string Email, string Password)> RunningCampaignAsync()
    {
        var app = browser.App;
        var (advertiser, account, email, password) = await app.SignUpAsync("advertiser");
        var campaign = CampaignApi.ValidBody();
        campaign["name"] = "Lighthouse roast, browser test";
        campaign["bidType"] = "cpe";
        campaign["bid"] = 5m;
        campaign.Remove("targeting");
        campaign.Remove("exclusions");
        var campaignId = (await CampaignApi.CreateAsync(advertiser, campaign)).GetProperty("campaignId").GetString()!;
        var (admin, _) = await app.SignInAsAdminAsync();
        (await admin.PostAsJsonAsync($"/api/campaigns/{campaignId}/approve", new { reason = "Fine." })).EnsureSuccessStatusCode();
        Assert.True((await app.Services.GetRequiredService<AdRankingJob>().RunAsync()).Switched);
        app.Services.GetRequiredService<SlateCache>().Invalidate();
        return (campaignId, account, email, password);
    }

    static async Task SignInAsync(IPage page, string email, string password, string displayName)
    {
        await page.GotoAsync("/account/signin");
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = displayName })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Viewer_afterTheThirdTurnSeesTheSponsoredTurn_repliesAndTheBrandAnswers_theAdvertiserSeesImpressionAndEngagement()
    {
        var app = browser.App;
        var (campaignId, account, email, password) = await RunningCampaignAsync();

        // An ad-eligible story.
        var (creator, _, _, _) = await app.SignUpAsync("creator");
        var body = JsonSerializer.SerializeToNode(PostsApi.Game($"Harbor Lights {Guid.NewGuid().ToString("n")[..6]}"))!.AsObject();
        body["kind"] = "story";
        body["stateSchema"] = new JsonArray();
        body["adEligible"] = true;
        var postId = PostsApi.Id(await PostsApi.CreateAsync(creator, body));
        await PostsApi.OkAsync(await PostsApi.PublishAsync(creator, postId));

        // A guest talks to it: three exchanges, then the sponsored turn, labelled, with its suggested prompts.
        var page = await browser.NewPageAsync();
        await page.GotoAsync($"/p/{postId}");
        var talk = page.GetByTestId("conversation");
        await Assertions.Expect(talk.GetByLabel("Your message")).ToBeEnabledAsync();
        for (var i = 1; i <= 3; i++)
        {
            await talk.GetByLabel("Your message").FillAsync($"What happens next, part {i}?");
            await talk.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
            await Assertions.Expect(talk.Locator(".turn.post[data-status=complete]")).ToHaveCountAsync(i);
            if (i < 3) await Assertions.Expect(talk.Locator(".turn.sponsor")).ToHaveCountAsync(0);
        }
        var sponsored = talk.Locator(".turn.sponsor").First;
        await Assertions.Expect(sponsored).ToContainTextAsync("Curious what makes a lighthouse roast?");
        await Assertions.Expect(sponsored.GetByTestId("sponsored-turn")).ToHaveTextAsync("Sponsored");

        // The viewer taps one of the brand's prompts; the brand answers in its own labelled turn.
        await talk.GetByRole(AriaRole.Group, new() { Name = "Ask the sponsor" }).GetByRole(AriaRole.Button, new() { Name = "What's in it?" }).ClickAsync();
        var answer = talk.Locator(".turn.sponsor[data-status=complete]").Nth(1);
        await Assertions.Expect(answer).ToContainTextAsync("The brand here: a dark roast, smoked by the sea.");
        await Assertions.Expect(answer.GetByTestId("sponsored-turn")).ToHaveTextAsync("Sponsored");
        await Assertions.Expect(talk.Locator(".turn.post[data-status=complete]")).ToHaveCountAsync(3);
        await answer.ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new() { Path = Shot("sponsored-conversation.png"), FullPage = true });

        // The next message goes back to the post.
        await talk.GetByLabel("Your message").FillAsync("Back to the harbor, please.");
        await talk.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Assertions.Expect(talk.Locator(".turn.post[data-status=complete]")).ToHaveCountAsync(4);
        await Assertions.Expect(talk.Locator(".turn.sponsor")).ToHaveCountAsync(2);

        // The advertiser's report counts the impression and the engagement, once each.
        var report = await browser.NewPageAsync();
        await SignInAsync(report, email, password, account.Account.DisplayName);
        await report.GotoAsync($"/advertise/campaigns/{campaignId}/report");
        await Assertions.Expect(report.GetByTestId("total-impressions")).ToHaveTextAsync("1");
        await Assertions.Expect(report.GetByTestId("total-engagements")).ToHaveTextAsync("1");
        await report.ScreenshotAsync(new() { Path = Shot("sponsored-conversation-report.png"), FullPage = true });
    }

    [Fact]
    public async Task SignedInViewer_opensASponsoredFeedCard_andTalksWithTheBrandInALabelledConversation()
    {
        await RunningCampaignAsync();
        var (_, account, email, password) = await browser.App.SignUpAsync();
        var page = await browser.NewPageAsync();
        await SignInAsync(page, email, password, account.Account.DisplayName);
        await page.GotoAsync("/");
        await Assertions.Expect(page.Locator("section.feed[data-ready=true]")).ToBeVisibleAsync();

        var card = page.Locator("li", new() { Has = page.Locator("article.is-sponsored") }).First;
        await Assertions.Expect(card.GetByTestId("sponsored-label")).ToHaveTextAsync("Sponsored");
        await card.GetByRole(AriaRole.Button, new() { Name = "Try it" }).ClickAsync();
        var talk = card.GetByTestId("conversation");
        await Assertions.Expect(talk.GetByTestId("brand-conversation")).ToHaveTextAsync("Sponsored");
        await Assertions.Expect(talk.Locator(".turn.greeting")).ToContainTextAsync("Curious what makes a lighthouse roast?");

        await talk.GetByRole(AriaRole.Group, new() { Name = "Suggested replies" }).GetByRole(AriaRole.Button, new() { Name = "Where do you ship?" }).ClickAsync();
        var answer = talk.Locator(".turn.sponsor[data-status=complete]");
        await Assertions.Expect(answer).ToContainTextAsync("The brand here: a dark roast, smoked by the sea.");
        await Assertions.Expect(answer.GetByTestId("sponsored-turn")).ToHaveTextAsync("Sponsored");
        await answer.ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new() { Path = Shot("sponsored-brand-conversation.png") });
    }
}
