using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FeedEngine.Storage.Campaigns;

namespace FeedEngine.Web.Tests.Ads;

[Collection(AppCollection.Name)]
public sealed class CampaignApiTests(FeedEngineApp app)
{
    [Fact]
    public async Task Create_valid_201PendingReviewWithEveryFieldAndExactMoney()
    {
        var (client, account, _, _) = await app.SignUpAsync("advertiser");
        var imageId = await CampaignApi.UploadImageAsync(client);
        var body = CampaignApi.ValidBody(imageId);
        body["startsAt"] = "2031-07-01T09:00";          // local to the campaign's zone (New York, EDT)
        body["endsAt"] = "2031-07-31T17:30:00+02:00";   // an instant with its own offset

        var response = await client.PostAsJsonAsync("/api/campaigns", body);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var json = await response.Content.ReadAsStringAsync();
        var campaign = JsonSerializer.Deserialize<JsonElement>(json);
        Assert.Equal($"/api/campaigns/{campaign.Id()}", response.Headers.Location?.OriginalString);
        Assert.Equal("pendingReview", campaign.Status());
        Assert.Equal("pendingReview", campaign.GetProperty("review").GetProperty("state").GetString());
        Assert.Equal("awaitingReview", campaign.GetProperty("delivery").GetString());
        Assert.False(campaign.GetProperty("eligible").GetBoolean());
        Assert.Contains("\"totalBudget\":1000.50,", json);
        Assert.Contains("\"bid\":0.75,", json);
        Assert.Equal("USD", campaign.GetProperty("currency").GetString());
        Assert.Equal("cpe", campaign.GetProperty("bidType").GetString());
        Assert.Equal("2031-07-01T09:00:00-04:00", campaign.GetProperty("startsAt").GetString());
        Assert.Equal("2031-07-31T11:30:00-04:00", campaign.GetProperty("endsAt").GetString());
        Assert.Equal("America/New_York", campaign.GetProperty("timeZone").GetString());
        Assert.Equal(imageId, campaign.GetProperty("imageId").GetString());
        Assert.Equal($"/images/{imageId}/card", campaign.GetProperty("image").GetProperty("card").GetString());
        Assert.Equal("Curious what makes a lighthouse roast?", campaign.GetProperty("sponsoredInteraction").GetProperty("welcome").GetString());
        Assert.Equal(["What's in it?", "Where do you ship?"], campaign.GetProperty("sponsoredInteraction").GetProperty("suggestedPrompts").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(["teen", "mature"], campaign.GetProperty("targeting").GetProperty("ageRatings").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(["quiz"], campaign.GetProperty("exclusions").GetProperty("postKinds").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(2, campaign.GetProperty("frequencyCaps").GetProperty("perViewerPerDay").GetInt32());
        Assert.Equal(0m, campaign.GetProperty("spent").GetDecimal());

        var stored = await app.Campaigns().FindAsync(campaign.Id());
        Assert.Equal(account.UserId, stored!.AdvertiserId);
        Assert.Equal(1000.50m, stored.TotalBudget);
        Assert.Equal(new DateTime(2031, 7, 1, 13, 0, 0, DateTimeKind.Utc), stored.StartsAt);
        Assert.Equal(new DateTime(2031, 7, 31, 15, 30, 0, DateTimeKind.Utc), stored.EndsAt);
        Assert.Equal(ReviewStatus.PendingReview, stored.Review);
    }

    [Fact]
    public async Task Create_requiredFieldsOnly_defaultsToUtcAndTheUsualCaps()
    {
        var (client, _, _, _) = await app.SignUpAsync("advertiser");

        var campaign = await CampaignApi.CreateAsync(client, new()
        {
            ["name"] = "Bare",
            ["totalBudget"] = 10,
            ["dailyBudget"] = 1,
            ["bid"] = 2.5m,
            ["bidType"] = "CPM",
            ["startsAt"] = "2031-01-01",
            ["endsAt"] = "2031-02-01",
            ["headline"] = "Plain and simple & honest",
            ["landingUrl"] = "http://bare.example",
        });

        Assert.Equal("UTC", campaign.GetProperty("timeZone").GetString());
        Assert.Equal("2031-01-01T00:00:00+00:00", campaign.GetProperty("startsAt").GetString());
        Assert.Equal("cpm", campaign.GetProperty("bidType").GetString());
        Assert.Equal(3, campaign.GetProperty("frequencyCaps").GetProperty("perViewerPerDay").GetInt32());
        Assert.Equal(1, campaign.GetProperty("frequencyCaps").GetProperty("perSession").GetInt32());
        Assert.Equal(JsonValueKind.Null, campaign.GetProperty("sponsoredInteraction").ValueKind);
        Assert.Equal(JsonValueKind.Null, campaign.GetProperty("imageId").ValueKind);
        Assert.Equal("Plain and simple & honest", campaign.GetProperty("headline").GetString());
    }

    [Fact]
    public async Task List_returnsOnlyTheCallersCampaignsNewestFirst()
    {
        var (mine, _, _, _) = await app.SignUpAsync("advertiser");
        var (theirs, _, _, _) = await app.SignUpAsync("advertiser");
        var first = await CampaignApi.CreateAsync(mine);
        var second = await CampaignApi.CreateAsync(mine);
        var other = await CampaignApi.CreateAsync(theirs);

        var list = await mine.GetFromJsonAsync<JsonElement>("/api/campaigns");

        var ids = list.GetProperty("items").EnumerateArray().Select(c => c.Id()).ToList();
        Assert.Equal([second.Id(), first.Id()], ids);
        Assert.DoesNotContain(other.Id(), ids);
    }

    [Theory]
    [InlineData("viewer")]
    [InlineData("creator")]
    public async Task Create_byAViewerOrACreator_403AndNothingStored(string role)
    {
        var (client, account, _, _) = await app.SignUpAsync(role);

        var response = await client.PostAsJsonAsync("/api/campaigns", CampaignApi.ValidBody());

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("role", (await Problem.ReadAsync(response)).Detail);
        Assert.Empty(await app.Campaigns().ListByAdvertiserAsync(account.UserId));
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/campaigns")).StatusCode);
    }

    [Fact]
    public async Task Create_byAGuest_403()
    {
        var guest = await (await app.CreateClient().PostAsync("/api/auth/guest", null)).Content.ReadFromJsonAsync<JsonElement>();
        var client = app.CreateClient(guest.GetProperty("accessToken").GetString()!);

        var response = await client.PostAsJsonAsync("/api/campaigns", CampaignApi.ValidBody());

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Campaigns_withoutSigningIn_401()
    {
        var client = app.CreateClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/campaigns", CampaignApi.ValidBody())).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/campaigns")).StatusCode);
    }

    [Fact]
    public async Task AnotherAdvertiser_cannotSeeOrChangeTheCampaign_404AndItIsUnchanged()
    {
        var (owner, _, _, _) = await app.SignUpAsync("advertiser");
        var (intruder, _, _, _) = await app.SignUpAsync("advertiser");
        var campaign = await CampaignApi.CreateAsync(owner);
        var id = campaign.Id();
        var before = await app.StoredAsync(id);
        var hijack = CampaignApi.ValidBody();
        hijack["landingUrl"] = "https://intruder.example/";

        var responses = new[]
        {
            await intruder.GetAsync($"/api/campaigns/{id}"),
            await intruder.PutAsJsonAsync($"/api/campaigns/{id}", hijack),
            await intruder.PostAsync($"/api/campaigns/{id}/pause", null),
            await intruder.PostAsync($"/api/campaigns/{id}/resume", null),
            await intruder.GetAsync($"/api/campaigns/{id}/report"),
            await intruder.GetAsync($"/api/campaigns/{id}/report.csv"),
        };

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.NotFound, r.StatusCode));
        Assert.Contains("belongs to your account", (await Problem.ReadAsync(responses[0])).Detail);
        Assert.Equal(before, await app.StoredAsync(id));
        var list = await intruder.GetFromJsonAsync<JsonElement>("/api/campaigns");
        Assert.Empty(list.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task UnknownCampaign_404WithAMessage()
    {
        var (client, _, _, _) = await app.SignUpAsync("advertiser");

        var response = await client.GetAsync("/api/campaigns/no-such-campaign");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("GET /api/campaigns", (await Problem.ReadAsync(response)).Detail);
    }

    [Fact]
    public async Task PauseAndResume_byTheOwner_stopAndRestartDelivery()
    {
        var (owner, _, _, _) = await app.SignUpAsync("advertiser");
        var (admin, _) = await AdminAsync();
        var campaign = await CampaignApi.CreateAsync(owner);
        (await admin.PostAsJsonAsync($"/api/campaigns/{campaign.Id()}/approve", new { })).EnsureSuccessStatusCode();

        var paused = await (await owner.PostAsync($"/api/campaigns/{campaign.Id()}/pause", null)).Content.ReadFromJsonAsync<JsonElement>();
        var pausedAgain = await owner.PostAsync($"/api/campaigns/{campaign.Id()}/pause", null);
        var resumed = await (await owner.PostAsync($"/api/campaigns/{campaign.Id()}/resume", null)).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal("paused", paused.Status());
        Assert.Equal("paused", paused.GetProperty("delivery").GetString());
        Assert.False(paused.GetProperty("eligible").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, pausedAgain.StatusCode);
        Assert.Equal("approved", resumed.Status());
        Assert.Equal("running", resumed.GetProperty("delivery").GetString());
        Assert.True(resumed.GetProperty("eligible").GetBoolean());
    }

    [Fact]
    public async Task Admin_mayReadAnyCampaignButNotChangeAnothersSettings()
    {
        var (owner, _, _, _) = await app.SignUpAsync("advertiser");
        var (admin, _) = await AdminAsync();
        var campaign = await CampaignApi.CreateAsync(owner);
        var before = await app.StoredAsync(campaign.Id());

        var read = await admin.GetAsync($"/api/campaigns/{campaign.Id()}");
        var change = await admin.PutAsJsonAsync($"/api/campaigns/{campaign.Id()}", CampaignApi.ValidBody());
        var pause = await admin.PostAsync($"/api/campaigns/{campaign.Id()}/pause", null);

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, change.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, pause.StatusCode);
        Assert.Contains("Only the advertiser", (await Problem.ReadAsync(change)).Detail);
        Assert.Equal(before, await app.StoredAsync(campaign.Id()));
    }

    /// <summary>The admin named in configuration, signed up once and signed in for each test.</summary>
    async Task<(HttpClient Client, string UserId)> AdminAsync()
    {
        var (client, token) = await app.SignInAsAdminAsync();
        return (client, token.UserId);
    }
}
