using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FeedEngine.Web.Tests.Ads;

[Collection(AppCollection.Name)]
public sealed class ReviewApiTests(FeedEngineApp app)
{
    [Fact]
    public async Task Approve_byAnAdmin_theAdvertiserSeesItApprovedAndRunning()
    {
        var (owner, _, _, _) = await app.SignUpAsync("advertiser");
        var (admin, adminId) = await AdminAsync();
        var campaign = await CampaignApi.CreateAsync(owner);

        var response = await admin.PostAsJsonAsync($"/api/campaigns/{campaign.Id()}/approve", new { reason = "Clear and honest." });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var seen = await CampaignApi.GetAsync(owner, campaign.Id());
        Assert.Equal("approved", seen.Status());
        Assert.Equal("Clear and honest.", seen.GetProperty("review").GetProperty("reason").GetString());
        Assert.Equal("running", seen.GetProperty("delivery").GetString());
        Assert.True(seen.GetProperty("eligible").GetBoolean());
        Assert.Equal(adminId, (await app.Campaigns().FindAsync(campaign.Id()))!.ReviewedBy);
    }

    [Fact]
    public async Task Reject_withAReason_theAdvertiserSeesTheReason()
    {
        var (owner, _, _, _) = await app.SignUpAsync("advertiser");
        var (admin, _) = await AdminAsync();
        var campaign = await CampaignApi.CreateAsync(owner);

        var response = await admin.PostAsJsonAsync($"/api/campaigns/{campaign.Id()}/reject", new { reason = "The landing page sells something else than the headline says." });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var seen = await CampaignApi.GetAsync(owner, campaign.Id());
        Assert.Equal("rejected", seen.Status());
        Assert.Equal("rejected", seen.GetProperty("delivery").GetString());
        Assert.Equal("The landing page sells something else than the headline says.", seen.GetProperty("review").GetProperty("reason").GetString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    [InlineData("<b>No</b>")]
    public async Task Reject_withoutAUsableReason_400AndTheCampaignStillWaits(string? reason)
    {
        var (owner, _, _, _) = await app.SignUpAsync("advertiser");
        var (admin, _) = await AdminAsync();
        var campaign = await CampaignApi.CreateAsync(owner);
        var before = await app.StoredAsync(campaign.Id());

        var response = await admin.PostAsJsonAsync($"/api/campaigns/{campaign.Id()}/reject", new { reason });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await Problem.ReadAsync(response)).Errors!.ContainsKey("reason"));
        Assert.Equal(before, await app.StoredAsync(campaign.Id()));
    }

    [Fact]
    public async Task Reject_reasonTooLong_400()
    {
        var (owner, _, _, _) = await app.SignUpAsync("advertiser");
        var (admin, _) = await AdminAsync();
        var campaign = await CampaignApi.CreateAsync(owner);

        var response = await admin.PostAsJsonAsync($"/api/campaigns/{campaign.Id()}/reject", new { reason = new string('r', 501) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("at most 500", (await Problem.ReadAsync(response)).Errors!["reason"][0]);
    }

    [Theory]
    [InlineData("approve")]
    [InlineData("reject")]
    public async Task Review_byTheAdvertiser_403AndNothingChanges(string decision)
    {
        var (owner, _, _, _) = await app.SignUpAsync("advertiser");
        var campaign = await CampaignApi.CreateAsync(owner);
        var before = await app.StoredAsync(campaign.Id());

        var response = await owner.PostAsJsonAsync($"/api/campaigns/{campaign.Id()}/{decision}", new { reason = "Looks great to me." });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(before, await app.StoredAsync(campaign.Id()));
        Assert.Equal(HttpStatusCode.Forbidden, (await owner.GetAsync("/api/review/campaigns")).StatusCode);
    }

    [Fact]
    public async Task Approve_anAdminsOwnCampaign_403AnotherAdminMustReviewIt()
    {
        var (admin, _) = await AdminAsync();
        var campaign = await CampaignApi.CreateAsync(admin);

        var response = await admin.PostAsJsonAsync($"/api/campaigns/{campaign.Id()}/approve", new { });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("another admin", (await Problem.ReadAsync(response)).Detail);
        Assert.Equal("pendingReview", (await CampaignApi.GetAsync(admin, campaign.Id())).Status());
    }

    [Fact]
    public async Task EditToTheCreative_sendsAnApprovedCampaignBackToReview()
    {
        var (owner, _, _, _) = await app.SignUpAsync("advertiser");
        var (admin, _) = await AdminAsync();
        var body = CampaignApi.ValidBody();
        var campaign = await CampaignApi.CreateAsync(owner, body);
        (await admin.PostAsJsonAsync($"/api/campaigns/{campaign.Id()}/approve", new { reason = "Fine." })).EnsureSuccessStatusCode();

        body["sponsoredInteraction"]!["welcome"] = "Free coffee for everyone who answers!";
        var edited = await (await owner.PutAsJsonAsync($"/api/campaigns/{campaign.Id()}", body)).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal("pendingReview", edited.Status());
        Assert.Equal(JsonValueKind.Null, edited.GetProperty("review").GetProperty("reason").ValueKind);
        Assert.Equal(2, edited.GetProperty("creativeRevision").GetInt32());
        Assert.False(edited.GetProperty("eligible").GetBoolean());
        var queue = await admin.GetFromJsonAsync<JsonElement>("/api/review/campaigns");
        var queued = queue.GetProperty("items").EnumerateArray().Single(c => c.Id() == campaign.Id());
        Assert.Equal("Free coffee for everyone who answers!", queued.GetProperty("sponsoredInteraction").GetProperty("welcome").GetString());
    }

    [Theory]
    [InlineData("headline", "A brand new headline")]
    [InlineData("landingUrl", "https://coffee.example/other")]
    [InlineData("imageId", null)]
    public async Task EditToAnyPartOfTheCreative_sendsItBackToReview(string field, string? value)
    {
        var (owner, _, _, _) = await app.SignUpAsync("advertiser");
        var (admin, _) = await AdminAsync();
        var body = CampaignApi.ValidBody(await CampaignApi.UploadImageAsync(owner));
        var campaign = await CampaignApi.CreateAsync(owner, body);
        (await admin.PostAsJsonAsync($"/api/campaigns/{campaign.Id()}/approve", new { })).EnsureSuccessStatusCode();

        body[field] = value is null ? null : JsonValue.Create(value);
        var edited = await (await owner.PutAsJsonAsync($"/api/campaigns/{campaign.Id()}", body)).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal("pendingReview", edited.Status());
    }

    [Fact]
    public async Task EditOutsideTheCreative_keepsTheApproval()
    {
        var (owner, _, _, _) = await app.SignUpAsync("advertiser");
        var (admin, _) = await AdminAsync();
        var body = CampaignApi.ValidBody();
        var campaign = await CampaignApi.CreateAsync(owner, body);
        (await admin.PostAsJsonAsync($"/api/campaigns/{campaign.Id()}/approve", new { })).EnsureSuccessStatusCode();

        body["totalBudget"] = 2000;
        body["dailyBudget"] = 80.25m;
        body["frequencyCaps"]!["perViewerPerDay"] = 1;
        var edited = await (await owner.PutAsJsonAsync($"/api/campaigns/{campaign.Id()}", body)).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal("approved", edited.Status());
        Assert.Equal(80.25m, edited.GetProperty("dailyBudget").GetDecimal());
        Assert.Equal(1, edited.GetProperty("creativeRevision").GetInt32());
    }

    [Fact]
    public async Task EditOfARejectedCampaign_submitsItAgain()
    {
        var (owner, _, _, _) = await app.SignUpAsync("advertiser");
        var (admin, _) = await AdminAsync();
        var body = CampaignApi.ValidBody();
        var campaign = await CampaignApi.CreateAsync(owner, body);
        (await admin.PostAsJsonAsync($"/api/campaigns/{campaign.Id()}/reject", new { reason = "Do not target teens with this." })).EnsureSuccessStatusCode();

        body["targeting"]!["ageRatings"] = new JsonArray("mature");
        var edited = await (await owner.PutAsJsonAsync($"/api/campaigns/{campaign.Id()}", body)).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal("pendingReview", edited.Status());
    }

    [Fact]
    public async Task Approve_withTheVersionSeenBeforeAnEdit_409AndStillPending()
    {
        var (owner, _, _, _) = await app.SignUpAsync("advertiser");
        var (admin, _) = await AdminAsync();
        var body = CampaignApi.ValidBody();
        var campaign = await CampaignApi.CreateAsync(owner, body);
        var seenVersion = campaign.GetProperty("version").GetInt64();
        body["headline"] = "Changed while the admin was looking";
        (await owner.PutAsJsonAsync($"/api/campaigns/{campaign.Id()}", body)).EnsureSuccessStatusCode();

        var response = await admin.PostAsJsonAsync($"/api/campaigns/{campaign.Id()}/approve", new { version = seenVersion });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("changed since you opened it", (await Problem.ReadAsync(response)).Detail);
        Assert.Equal("pendingReview", (await CampaignApi.GetAsync(owner, campaign.Id())).Status());
    }

    [Fact]
    public async Task Queue_listsPendingCampaignsOnlyLongestWaitingFirst()
    {
        var (owner, _, _, _) = await app.SignUpAsync("advertiser");
        var (admin, _) = await AdminAsync();
        var first = await CampaignApi.CreateAsync(owner);
        var second = await CampaignApi.CreateAsync(owner);
        var approved = await CampaignApi.CreateAsync(owner);
        (await admin.PostAsJsonAsync($"/api/campaigns/{approved.Id()}/approve", new { })).EnsureSuccessStatusCode();

        var queue = await admin.GetFromJsonAsync<JsonElement>("/api/review/campaigns");

        var ids = queue.GetProperty("items").EnumerateArray().Select(c => c.Id()).ToList();
        Assert.True(ids.IndexOf(first.Id()) >= 0 && ids.IndexOf(first.Id()) < ids.IndexOf(second.Id()));
        Assert.DoesNotContain(approved.Id(), ids);
    }

    async Task<(HttpClient Client, string UserId)> AdminAsync()
    {
        var (client, token) = await app.SignInAsAdminAsync();
        return (client, token.UserId);
    }
}
