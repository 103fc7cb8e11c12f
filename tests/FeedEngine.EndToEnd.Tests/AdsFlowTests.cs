using System.Globalization;
using System.Text.RegularExpressions;
using FeedEngine.Storage;
using FeedEngine.Storage.Campaigns;
using FeedEngine.Web.Tests;
using FeedEngine.Web.Tests.Ads;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace FeedEngine.EndToEnd.Tests;

/// <summary>The advertiser portal and the review queue in Chromium, used as a new advertiser and an admin would.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class AdsFlowTests(BrowserApp browser)
{
    string Shot(string name) => Path.Combine(BrowserApp.ArtifactsDirectory, name);

    [Fact]
    public async Task NewAdvertiser_createsACampaignWithAnImage_anAdminApprovesIt_theAdvertiserSeesItApproved()
    {
        // A new advertiser arrives on the Advertise page and signs up from there.
        var advertiser = await browser.NewPageAsync();
        await advertiser.GotoAsync("/advertise");
        await advertiser.GetByRole(AriaRole.Link, new() { Name = "Create an advertiser account" }).ClickAsync();
        await Assertions.Expect(advertiser.GetByRole(AriaRole.Heading, new() { Name = "Create your account" })).ToBeVisibleAsync();
        await advertiser.GetByLabel("E-mail").FillAsync($"brand-{Guid.NewGuid():n}@example.com");
        await advertiser.GetByLabel("Password").FillAsync("a brand new password");
        await advertiser.GetByLabel("Display name").FillAsync("Harbor Coffee");
        await advertiser.GetByLabel("advertise").CheckAsync();
        await advertiser.GetByRole(AriaRole.Button, new() { Name = "Sign up" }).ClickAsync();
        await Assertions.Expect(advertiser.GetByRole(AriaRole.Link, new() { Name = "Harbor Coffee" })).ToBeVisibleAsync();

        // Advertise -> Your campaigns -> New campaign.
        await advertiser.GetByRole(AriaRole.Link, new() { Name = "Advertise", Exact = true }).ClickAsync();
        await advertiser.GetByTestId("your-campaigns").ClickAsync();
        await Assertions.Expect(advertiser.GetByText("No campaigns yet.")).ToBeVisibleAsync();
        await advertiser.GetByTestId("new-campaign").ClickAsync();
        await Assertions.Expect(advertiser.GetByRole(AriaRole.Heading, new() { Name = "New campaign" })).ToBeVisibleAsync();

        await advertiser.GetByLabel("Campaign name").FillAsync("Lighthouse roast launch");
        await advertiser.GetByLabel("Total budget").FillAsync("500");
        await advertiser.GetByLabel("Daily budget").FillAsync("25.50");
        await advertiser.GetByLabel("Bid (USD)").FillAsync("0.80");
        await advertiser.GetByLabel("Bid type").SelectOptionAsync("cpe");
        await advertiser.GetByLabel("Starts").FillAsync(DateTime.UtcNow.AddDays(10).ToString("yyyy-MM-dd'T'09:00", CultureInfo.InvariantCulture));
        await advertiser.GetByLabel("Ends").FillAsync(DateTime.UtcNow.AddDays(40).ToString("yyyy-MM-dd'T'18:00", CultureInfo.InvariantCulture));
        await advertiser.GetByLabel("Time zone").SelectOptionAsync("Europe/Berlin");
        await advertiser.GetByLabel("Headline", new() { Exact = true }).FillAsync("Coffee roasted at the lighthouse");
        await advertiser.GetByLabel("Landing page URL").FillAsync("https://coffee.example/lighthouse");
        await advertiser.Locator("input[name=image]").SetInputFilesAsync(new FilePayload { Name = "creative.png", MimeType = "image/png", Buffer = CampaignApi.Png() });
        await advertiser.GetByLabel("Brand persona").FillAsync("Bea, the roaster: warm, brief, never pushy.");
        await advertiser.GetByLabel("Welcome line").FillAsync("Curious what makes a lighthouse roast?");
        await advertiser.GetByLabel("Suggested prompts").FillAsync("What's in it?\nWhere do you ship?");
        await advertiser.GetByLabel("Interests").FillAsync("coffee, sea stories");
        await advertiser.GetByLabel("Violence and gore").CheckAsync();
        await advertiser.ScreenshotAsync(new() { Path = Shot("ads-new-campaign.png"), FullPage = true });
        await advertiser.GetByTestId("save-campaign").ClickAsync();

        // Saved and pending review, with the uploaded image on the card viewers will see.
        await Assertions.Expect(advertiser.GetByTestId("campaign-status")).ToHaveTextAsync("Pending review");
        await Assertions.Expect(advertiser.GetByTestId("campaign-message")).ToContainTextAsync("An admin reviews the creative");
        var card = advertiser.GetByTestId("sponsored-card");
        await Assertions.Expect(card.GetByTestId("sponsored-label")).ToHaveTextAsync("Sponsored");
        await AssertImageLoadedAsync(card.Locator("img"));
        var campaignId = CampaignIdIn(advertiser.Url);
        var stored = await browser.App.Services.GetRequiredService<ICampaignRepository>().FindAsync(campaignId);
        Assert.Equal(25.50m, stored!.DailyBudget);
        Assert.Equal("Europe/Berlin", stored.TimeZone);
        Assert.Equal(["violence"], stored.Exclusions.ModerationCategories);
        Assert.NotNull(stored.Creative.ImageId);
        await advertiser.ScreenshotAsync(new() { Path = Shot("ads-campaign-pending.png"), FullPage = true });

        // An admin opens the review queue: the creative is rendered as viewers will see it.
        var admin = await SignInAsAdminAsync();
        await admin.GotoAsync("/advertise/review");
        var item = admin.Locator($"[data-testid=review-item][data-campaign-id='{campaignId}']");
        await Assertions.Expect(item.GetByTestId("sponsored-label")).ToHaveTextAsync("Sponsored");
        await Assertions.Expect(item.GetByTestId("sponsored-headline")).ToHaveTextAsync("Coffee roasted at the lighthouse");
        await Assertions.Expect(item.GetByTestId("sponsored-welcome")).ToHaveTextAsync("Curious what makes a lighthouse roast?");
        await Assertions.Expect(item.GetByTestId("sponsored-prompt")).ToHaveTextAsync(["What's in it?", "Where do you ship?"]);
        await Assertions.Expect(item.GetByTestId("sponsored-host")).ToHaveTextAsync("coffee.example");
        await AssertImageLoadedAsync(item.Locator("img"));
        await item.ScrollIntoViewIfNeededAsync();
        await admin.ScreenshotAsync(new() { Path = Shot("ads-review-queue.png"), FullPage = true });
        await item.GetByLabel("Reason or note for the advertiser").FillAsync("Clear, honest and labelled. Approved.");
        await item.GetByTestId("approve").ClickAsync();
        await Assertions.Expect(admin.GetByTestId("review-message")).ToContainTextAsync("Approved: “Lighthouse roast launch”");
        await Assertions.Expect(admin.Locator($"[data-campaign-id='{campaignId}']")).ToHaveCountAsync(0);

        // The advertiser sees it approved, with the reviewer's note.
        await advertiser.ReloadAsync();
        await Assertions.Expect(advertiser.GetByTestId("campaign-status")).ToHaveTextAsync("Approved");
        await Assertions.Expect(advertiser.GetByTestId("review-reason")).ToContainTextAsync("Clear, honest and labelled.");
        await Assertions.Expect(advertiser.GetByTestId("delivery")).ToContainTextAsync("starts serving at its start time");
        await advertiser.ScreenshotAsync(new() { Path = Shot("ads-campaign-approved.png"), FullPage = true });
        await advertiser.GotoAsync("/advertise/campaigns");
        await Assertions.Expect(advertiser.Locator($"tr[data-campaign-id='{campaignId}']")).ToContainTextAsync("Approved");
    }

    [Fact]
    public async Task CampaignForm_markupAndABadUrl_showTheFieldErrorsAndKeepWhatWasTyped()
    {
        var page = await SignUpAdvertiserAsync();
        await page.GotoAsync("/advertise/campaigns/new");
        await page.GetByLabel("Campaign name").FillAsync("Sneaky");
        await page.GetByLabel("Total budget").FillAsync("100");
        await page.GetByLabel("Daily budget").FillAsync("200");
        await page.GetByLabel("Bid (USD)").FillAsync("1");
        await page.GetByLabel("Headline", new() { Exact = true }).FillAsync("<script>alert('hi')</script>");
        await page.EvalOnSelectorAsync("input[name=landingUrl]", "e => e.type = 'text'");
        await page.GetByLabel("Landing page URL").FillAsync("javascript:alert(1)");
        await page.Locator("input[name=image]").SetInputFilesAsync(new FilePayload { Name = "creative.png", MimeType = "image/png", Buffer = "<svg onload=alert(1)>"u8.ToArray() });
        await page.GetByTestId("save-campaign").ClickAsync();

        await Assertions.Expect(page.GetByTestId("form-error")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".field-error[data-field=headline]")).ToContainTextAsync("markup and scripts are not allowed");
        await Assertions.Expect(page.Locator(".field-error[data-field=landingUrl]")).ToContainTextAsync("https://");
        await Assertions.Expect(page.Locator(".field-error[data-field=dailyBudget]")).ToContainTextAsync("above the total budget");
        await Assertions.Expect(page.Locator(".field-error[data-field=imageId]")).ToContainTextAsync("SVG files can carry scripts");
        await Assertions.Expect(page.GetByLabel("Headline", new() { Exact = true })).ToHaveValueAsync("<script>alert('hi')</script>");
        await Assertions.Expect(page.GetByLabel("Campaign name")).ToHaveValueAsync("Sneaky");
        await page.ScreenshotAsync(new() { Path = Shot("ads-form-errors.png"), FullPage = true });
        Assert.Empty(await browser.App.Services.GetRequiredService<ICampaignRepository>().ListByAdvertiserAsync(await UserIdAsync(lastEmail!)));
    }

    [Fact]
    public async Task Report_showsChartsAndTheDownloadedCsvHasTheSameNumbers()
    {
        var page = await SignUpAdvertiserAsync();
        var advertiserId = await UserIdAsync(lastEmail!);
        var campaignId = await CampaignWithActivityAsync(advertiserId);

        await page.GotoAsync($"/advertise/campaigns/{campaignId}/report");

        await Assertions.Expect(page.GetByTestId("total-spend")).ToHaveTextAsync("3.60 USD");
        await Assertions.Expect(page.GetByTestId("total-impressions")).ToHaveTextAsync("12");
        await Assertions.Expect(page.GetByTestId("total-engagements")).ToHaveTextAsync("3");
        await Assertions.Expect(page.GetByTestId("total-cpe")).ToHaveTextAsync("1.20 USD");
        await Assertions.Expect(page.GetByTestId("chart-spend").Locator("svg rect")).ToHaveCountAsync(3);
        await Assertions.Expect(page.GetByTestId("chart-engagements").Locator("svg polyline")).ToHaveCountAsync(2);
        await Assertions.Expect(page.GetByTestId("report-table").Locator("tbody tr")).ToHaveCountAsync(3);
        await page.ScreenshotAsync(new() { Path = Shot("ads-report.png"), FullPage = true });

        // On a phone the report keeps to the screen: its table scrolls sideways inside itself.
        await page.SetViewportSizeAsync(PhoneLayoutTests.PhoneWidth, PhoneLayoutTests.PhoneHeight);
        Assert.Null(await PhoneLayoutTests.OverflowAsync(page, new Uri(page.Url).PathAndQuery));
        await page.ScreenshotAsync(new() { Path = Shot("ads-report-phone.png"), FullPage = true });
        await page.SetViewportSizeAsync(1280, 900);

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("download-csv").ClickAsync());
        var csv = await File.ReadAllTextAsync((await download.PathAsync())!);
        var rows = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')).ToList();
        var table = await page.GetByTestId("report-table").Locator("tbody tr, tfoot tr").AllAsync();
        Assert.Equal(table.Count, rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var cells = await table[i].Locator("td, th").AllInnerTextsAsync();
            Assert.Equal(i == rows.Count - 1 ? "Total" : rows[i][0], cells[0]);
            Assert.Equal(rows[i][1], cells[1]);                                                       // impressions
            Assert.Equal(rows[i][2], cells[2]);                                                       // engagements
            Assert.Equal(rows[i][3], cells[3]);                                                       // clicks
            Assert.Equal(decimal.Parse(rows[i][5], CultureInfo.InvariantCulture), decimal.Parse(cells[5], CultureInfo.InvariantCulture)); // spend
        }
        Assert.Equal(["total", "12", "3", "1"], rows[^1][..4]);
        Assert.Equal([0.25m, 3.60m, 1.2m], rows[^1][4..7].Select(c => decimal.Parse(c, CultureInfo.InvariantCulture)));
        Assert.Equal("USD", rows[^1][7]);
    }

    /// <summary>An approved campaign that ran three days in UTC, with 12 impressions, 3 engagements (1.20 each) and 1 click.</summary>
    async Task<string> CampaignWithActivityAsync(string advertiserId)
    {
        var services = browser.App.Services;
        var start = new DateTime(2025, 5, 1, 0, 0, 0, DateTimeKind.Utc);
        var campaign = new CampaignDocument
        {
            Id = DocumentIds.New(), AdvertiserId = advertiserId, Name = "May test", Currency = "USD", TotalBudget = 50m, DailyBudget = 5m, Bid = 1.20m,
            BidType = BidType.Cpe, StartsAt = start, EndsAt = start.AddDays(3), TimeZone = "UTC",
            Creative = new CampaignCreative { Headline = "May", LandingUrl = "https://may.example/" },
            Review = ReviewStatus.Approved, SubmittedAt = start, CreativeRevision = 1, CreatedAt = start, UpdatedAt = start,
        };
        await services.GetRequiredService<ICampaignRepository>().InsertAsync(campaign);
        var events = services.GetRequiredService<IAdEventRepository>();
        var ledger = services.GetRequiredService<IAdLedgerRepository>();
        var n = 0;
        foreach (var (day, impressions, engagements, clicks) in new[] { (0, 5, 1, 1), (1, 4, 0, 0), (2, 3, 2, 0) })
        {
            for (var i = 0; i < impressions; i++) await Record(AdEventKind.Impression, day);
            for (var i = 0; i < clicks; i++) await Record(AdEventKind.Click, day);
            for (var i = 0; i < engagements; i++)
            {
                var id = await Record(AdEventKind.Engagement, day);
                await ledger.AppendAsync(new AdLedgerEntryDocument { Id = id, CampaignId = campaign.Id, EventId = id, Amount = 1.20m, Currency = "USD", OccurredAt = start.AddDays(day).AddHours(12) });
            }
        }
        return campaign.Id;

        async Task<string> Record(AdEventKind kind, int day)
        {
            var id = $"{campaign.Id}-{++n}:{kind}";
            await events.RecordAsync(new AdEventDocument { Id = id, CampaignId = campaign.Id, Kind = kind, PlacementId = $"{campaign.Id}-{n}", ViewerId = "v" + n, OccurredAt = start.AddDays(day).AddHours(9 + n % 10) });
            return id;
        }
    }

    string? lastEmail;

    async Task<string> UserIdAsync(string email) =>
        (await browser.App.Services.GetRequiredService<FeedEngine.Storage.Users.IUserRepository>()
            .FindByLoginKeyAsync(FeedEngine.Storage.Users.UserDocument.EmailLoginKey(email)))!.Id;

    async Task<IPage> SignUpAdvertiserAsync()
    {
        var page = await browser.NewPageAsync();
        lastEmail = $"advertiser-{Guid.NewGuid():n}@example.com";
        await page.GotoAsync("/account/signup");
        await page.GetByLabel("E-mail").FillAsync(lastEmail);
        await page.GetByLabel("Password").FillAsync("advertiser password");
        await page.GetByLabel("Display name").FillAsync("Ad Vertiser");
        await page.GetByLabel("advertise").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign up" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Ad Vertiser" })).ToBeVisibleAsync();
        return page;
    }

    /// <summary>Signs in (signing up first, once) as the admin the app's configuration names.</summary>
    async Task<IPage> SignInAsAdminAsync()
    {
        var api = await browser.Playwright.APIRequest.NewContextAsync(new() { BaseURL = browser.BaseUrl });
        var signup = await api.PostAsync("/api/auth/signup", new() { DataObject = new { email = FeedEngineApp.AdminEmail, password = FeedEngineApp.AdminPassword, displayName = "Ada Admin", role = "viewer" } });
        Assert.True(signup.Status is 200 or 409, await signup.TextAsync());
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/account/signin");
        await page.GetByLabel("E-mail").FillAsync(FeedEngineApp.AdminEmail);
        await page.GetByLabel("Password").FillAsync(FeedEngineApp.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Ada Admin" })).ToBeVisibleAsync();
        return page;
    }

    static async Task AssertImageLoadedAsync(ILocator image)
    {
        await Assertions.Expect(image).ToBeVisibleAsync();
        await image.ScrollIntoViewIfNeededAsync();
        var loaded = await image.EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0");
        Assert.True(loaded, "The creative's image did not load.");
    }

    static string CampaignIdIn(string url) => CampaignUrl().Match(url) is { Success: true } m ? m.Groups[1].Value : throw new Xunit.Sdk.XunitException($"Not a campaign page: {url}");

    [GeneratedRegex(@"/advertise/campaigns/([A-Za-z0-9_-]{22})")]
    private static partial Regex CampaignUrl();
}
