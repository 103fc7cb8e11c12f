using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FeedEngine.Ads.Ranking;
using FeedEngine.Ads.Serving;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FeedEngine.Web.Tests.Ads;

[Collection(AppCollection.Name)]
public sealed class SponsoredFeedTests(FeedEngineApp app)
{
    [Fact]
    public async Task Feed_labelledSponsoredCards_impressionOnceInTheAdvertisersReport_clickRedirects()
    {
        var (advertiser, _, _, _) = await app.SignUpAsync("advertiser");
        var body = CampaignApi.ValidBody();
        body["bidType"] = "cpm";
        body["bid"] = 500m;
        body.Remove("targeting");
        body.Remove("exclusions");
        var campaignId = (await CampaignApi.CreateAsync(advertiser, body)).GetProperty("campaignId").GetString()!;
        var (admin, _) = await app.SignInAsAdminAsync();
        (await admin.PostAsJsonAsync($"/api/campaigns/{campaignId}/approve", new { reason = "Fine." })).EnsureSuccessStatusCode();
        // What Hangfire does every minute.
        Assert.True((await app.Services.GetRequiredService<AdRankingJob>().RunAsync()).Switched);
        app.Services.GetRequiredService<SlateCache>().Invalidate();

        var (viewer, _, _, _) = await app.SignUpAsync();
        var items = (await viewer.GetFromJsonAsync<JsonElement>("/api/feed?pageSize=20")).GetProperty("items").EnumerateArray().ToList();

        var every = app.Services.GetRequiredService<FeedEngine.Web.Feed.SponsoredFeedMerger>().EveryCards;
        var kinds = items.Select(i => i.GetProperty("kind").GetString()).ToList();
        Assert.Contains("sponsored", kinds);
        for (var start = 0; start + every <= kinds.Count; start++)
            Assert.True(kinds.Skip(start).Take(every).Count(k => k == "sponsored") <= 1, string.Join(",", kinds));
        var card = items.First(i => i.GetProperty("kind").GetString() == "sponsored" && i.GetProperty("creator").GetProperty("id").GetString() == campaignId);
        var sponsored = card.GetProperty("sponsored");
        Assert.Equal("Sponsored", sponsored.GetProperty("label").GetString());
        Assert.Equal("Curious what makes a lighthouse roast?", sponsored.GetProperty("welcome").GetString());
        var placementId = sponsored.GetProperty("placementId").GetString()!;

        var first = await viewer.PostAsJsonAsync("/api/ads/events", new { placementId, kind = "impression" });
        Assert.Equal("recorded", (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outcome").GetString());
        var again = await viewer.PostAsJsonAsync("/api/ads/events", new { placementId, kind = "impression" });
        Assert.Equal("duplicate", (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outcome").GetString());

        // Hostile and malformed reports change nothing.
        Assert.Equal(HttpStatusCode.BadRequest, (await viewer.PostAsJsonAsync("/api/ads/events", new { placementId, kind = "click" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await viewer.PostAsJsonAsync("/api/ads/events", new { placementId = new string('x', 5000), kind = "impression" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await viewer.PostAsJsonAsync("/api/ads/events", new { placementId = "nope", kind = "impression" })).StatusCode);
        var (stranger, _, _, _) = await app.SignUpAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsJsonAsync("/api/ads/events", new { placementId, kind = "engagement" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PostAsJsonAsync("/api/ads/events", new { placementId, kind = "impression" })).StatusCode);

        var report = await advertiser.GetFromJsonAsync<JsonElement>($"/api/campaigns/{campaignId}/report");
        var totals = report.GetProperty("totals");
        Assert.Equal(1, totals.GetProperty("impressions").GetInt64());
        Assert.True(totals.GetProperty("spend").GetDecimal() is > 0m and <= 0.5m);

        var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var click = await browser.GetAsync(sponsored.GetProperty("clickUrl").GetString());
        Assert.Equal(HttpStatusCode.Redirect, click.StatusCode);
        Assert.Equal("https://coffee.example/chat", click.Headers.Location!.AbsoluteUri);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/api/ads/click/unknown-placement")).StatusCode);
        report = await advertiser.GetFromJsonAsync<JsonElement>($"/api/campaigns/{campaignId}/report");
        Assert.Equal(1, report.GetProperty("totals").GetProperty("clicks").GetInt64());
    }
}
