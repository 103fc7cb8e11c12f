using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using FeedEngine.Safety.Moderation;

namespace FeedEngine.Web.Tests.Ads;

/// <summary>Campaign review with moderation, through the API: a flagged creative shows its reason in the queue and is not approved.</summary>
[Collection(AppCollection.Name)]
public sealed class CreativeModerationApiTests(FeedEngineApp app)
{
    [Fact]
    public async Task Approve_creativeWithAFlaggedWelcome_is409WithTheReason_andTheCampaignStaysInTheQueue()
    {
        var (owner, _, _, _) = await app.SignUpAsync("advertiser");
        var (admin, _) = await app.SignInAsAdminAsync();
        var body = CampaignApi.ValidBody();
        // Padded and broken up by an invisible character, as a hostile creative would try.
        body["sponsoredInteraction"]!["welcome"] = "Our roast hits  harder than  HER\u200BOIN. Want a cup?";
        var campaign = await CampaignApi.CreateAsync(owner, body);

        var flag = campaign.GetProperty("review").GetProperty("moderation");
        Assert.Equal("sponsoredInteraction.welcome", flag.GetProperty("field").GetString());
        Assert.Equal(PolicyCategories.MatureContent, flag.GetProperty("categories")[0].GetString());

        var response = await admin.PostAsJsonAsync($"/api/campaigns/{campaign.Id()}/approve", new { reason = "Looks fine." });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Flagged by moderation", problem.GetProperty("title").GetString());
        Assert.Contains(PolicyCategories.MatureContent, problem.GetProperty("detail").GetString());
        Assert.Contains("the welcome line", problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("pendingReview", (await CampaignApi.GetAsync(owner, campaign.Id())).Status());
        var queue = await admin.GetFromJsonAsync<JsonElement>("/api/review/campaigns");
        var queued = queue.GetProperty("items").EnumerateArray().Single(c => c.Id() == campaign.Id());
        Assert.Equal(flag.GetProperty("reason").GetString(), queued.GetProperty("review").GetProperty("moderation").GetProperty("reason").GetString());
    }

    [Fact]
    public async Task CleanCreative_hasNoModerationFlag()
    {
        var (owner, _, _, _) = await app.SignUpAsync("advertiser");

        var campaign = await CampaignApi.CreateAsync(owner);

        var review = campaign.GetProperty("review");
        Assert.True(!review.TryGetProperty("moderation", out var flag) || flag.ValueKind == JsonValueKind.Null, review.GetRawText());
    }
}
