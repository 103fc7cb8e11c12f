using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace FeedEngine.Web.Tests.Ads;

/// <summary>Every validation rule of a campaign, through the API: a 400 naming the field with a message, and nothing stored.</summary>
[Collection(AppCollection.Name)]
public sealed class CampaignValidationApiTests(FeedEngineApp app)
{
    static string Past(int days) => DateTimeOffset.UtcNow.AddDays(-days).ToString("yyyy-MM-ddTHH:mm:ssZ");
    static string Future(int days) => DateTimeOffset.UtcNow.AddDays(days).ToString("yyyy-MM-ddTHH:mm:ssZ");
    static JsonObject Interaction(JsonObject body) => body["sponsoredInteraction"]!.AsObject();

    /// <summary>One broken field per case: (case, the field the error must name).</summary>
    static readonly Dictionary<string, (string Field, Action<JsonObject> Break)> Cases = new()
    {
        ["name missing"] = ("name", b => b.Remove("name")),
        ["name blank"] = ("name", b => b["name"] = "   "),
        ["name oversize"] = ("name", b => b["name"] = new string('n', 81)),
        ["name markup"] = ("name", b => b["name"] = "<i>Spring</i>"),
        ["total budget zero"] = ("totalBudget", b => b["totalBudget"] = 0),
        ["total budget negative"] = ("totalBudget", b => b["totalBudget"] = -100),
        ["total budget missing"] = ("totalBudget", b => b.Remove("totalBudget")),
        ["total budget fractions of a cent"] = ("totalBudget", b => b["totalBudget"] = 100.125m),
        ["total budget absurd"] = ("totalBudget", b => b["totalBudget"] = 5_000_000_000m),
        ["daily budget zero"] = ("dailyBudget", b => b["dailyBudget"] = 0),
        ["daily budget negative"] = ("dailyBudget", b => b["dailyBudget"] = -1),
        ["daily budget above total"] = ("dailyBudget", b => { b["totalBudget"] = 100; b["dailyBudget"] = 100.01m; }),
        ["bid zero"] = ("bid", b => b["bid"] = 0),
        ["bid negative"] = ("bid", b => b["bid"] = -0.5m),
        ["bid missing"] = ("bid", b => b.Remove("bid")),
        ["cpe bid above daily budget"] = ("bid", b => { b["bidType"] = "cpe"; b["dailyBudget"] = 10; b["bid"] = 12; }),
        ["bid type missing"] = ("bidType", b => b.Remove("bidType")),
        ["bid type unknown"] = ("bidType", b => b["bidType"] = "cpc"),
        ["start missing"] = ("startsAt", b => b.Remove("startsAt")),
        ["start not a time"] = ("startsAt", b => b["startsAt"] = "next tuesday"),
        ["start impossible date"] = ("startsAt", b => b["startsAt"] = "2031-02-30T10:00"),
        ["start in a daylight-saving gap"] = ("startsAt", b => { b["startsAt"] = "2031-03-09T02:30"; b["endsAt"] = "2031-04-01T00:00"; }),
        ["end missing"] = ("endsAt", b => b.Remove("endsAt")),
        ["end before start"] = ("endsAt", b => { b["startsAt"] = Future(10); b["endsAt"] = Future(5); }),
        ["end equals start"] = ("endsAt", b => { b["startsAt"] = Future(5); b["endsAt"] = Future(5); }),
        ["end in the past"] = ("endsAt", b => { b["startsAt"] = Past(10); b["endsAt"] = Past(1); }),
        ["time zone unknown"] = ("timeZone", b => b["timeZone"] = "Mars/Olympus_Mons"),
        ["time zone not IANA"] = ("timeZone", b => b["timeZone"] = "../../etc/passwd"),
        ["headline missing"] = ("headline", b => b.Remove("headline")),
        ["headline oversize"] = ("headline", b => b["headline"] = new string('h', 91)),
        ["headline markup"] = ("headline", b => b["headline"] = "Coffee <b>now</b>"),
        ["headline script"] = ("headline", b => b["headline"] = "<script>alert(document.cookie)</script>"),
        ["headline entity"] = ("headline", b => b["headline"] = "Coffee &lt;3"),
        ["headline control character"] = ("headline", b => b["headline"] = "Coffee\u0007now"),
        ["headline direction override"] = ("headline", b => b["headline"] = "Coffee \u202Ederosnops"),
        ["headline script url"] = ("headline", b => b["headline"] = "Click javascript:alert(1)"),
        ["landing url missing"] = ("landingUrl", b => b.Remove("landingUrl")),
        ["landing url javascript"] = ("landingUrl", b => b["landingUrl"] = "javascript:alert(1)"),
        ["landing url data"] = ("landingUrl", b => b["landingUrl"] = "data:text/html,<script>alert(1)</script>"),
        ["landing url ftp"] = ("landingUrl", b => b["landingUrl"] = "ftp://coffee.example/file"),
        ["landing url relative"] = ("landingUrl", b => b["landingUrl"] = "coffee.example/spring"),
        ["landing url with password"] = ("landingUrl", b => b["landingUrl"] = "https://user:secret@coffee.example/"),
        ["landing url oversize"] = ("landingUrl", b => b["landingUrl"] = "https://coffee.example/" + new string('a', 2030)),
        ["image id malformed"] = ("imageId", b => b["imageId"] = "../../secret"),
        ["image id unknown"] = ("imageId", b => b["imageId"] = "AAAAAAAAAAAAAAAAAAAAAA"),
        ["persona missing"] = ("sponsoredInteraction.persona", b => Interaction(b).Remove("persona")),
        ["persona oversize"] = ("sponsoredInteraction.persona", b => Interaction(b)["persona"] = new string('p', 1001)),
        ["persona markup"] = ("sponsoredInteraction.persona", b => Interaction(b)["persona"] = "Bea <img src=x onerror=alert(1)>"),
        ["welcome missing"] = ("sponsoredInteraction.welcome", b => Interaction(b)["welcome"] = ""),
        ["welcome oversize"] = ("sponsoredInteraction.welcome", b => Interaction(b)["welcome"] = new string('w', 281)),
        ["welcome markup"] = ("sponsoredInteraction.welcome", b => Interaction(b)["welcome"] = "Hi <a href='https://evil.example'>there</a>"),
        ["welcome line break"] = ("sponsoredInteraction.welcome", b => Interaction(b)["welcome"] = "Hi\nthere"),
        ["too many prompts"] = ("sponsoredInteraction.suggestedPrompts", b => Interaction(b)["suggestedPrompts"] = new JsonArray("a", "b", "c", "d", "e")),
        ["prompt oversize"] = ("sponsoredInteraction.suggestedPrompts", b => Interaction(b)["suggestedPrompts"] = new JsonArray(new string('q', 81))),
        ["prompt markup"] = ("sponsoredInteraction.suggestedPrompts", b => Interaction(b)["suggestedPrompts"] = new JsonArray("<script>x</script>")),
        ["interaction landing url"] = ("sponsoredInteraction.landingUrl", b => Interaction(b)["landingUrl"] = "vbscript:msgbox(1)"),
        ["too many interests"] = ("targeting.interests", b => b["targeting"]!["interests"] = new JsonArray(Enumerable.Range(0, 21).Select(i => (JsonNode)JsonValue.Create($"interest {i}")!).ToArray())),
        ["interest markup"] = ("targeting.interests", b => b["targeting"]!["interests"] = new JsonArray("<b>coffee</b>")),
        ["locale malformed"] = ("targeting.locales", b => b["targeting"]!["locales"] = new JsonArray("english please")),
        ["targeting age rating unknown"] = ("targeting.ageRatings", b => b["targeting"]!["ageRatings"] = new JsonArray("adults")),
        ["excluded post kind unknown"] = ("exclusions.postKinds", b => b["exclusions"]!["postKinds"] = new JsonArray("movie")),
        ["excluded post kind as number"] = ("exclusions.postKinds", b => b["exclusions"]!["postKinds"] = new JsonArray("1")),
        ["excluded tag markup"] = ("exclusions.tags", b => b["exclusions"]!["tags"] = new JsonArray("<i>gore</i>")),
        ["excluded age rating unknown"] = ("exclusions.ageRatings", b => b["exclusions"]!["ageRatings"] = new JsonArray("r18")),
        ["moderation category unknown"] = ("exclusions.moderationCategories", b => b["exclusions"]!["moderationCategories"] = new JsonArray("spicy")),
        ["cap per day zero"] = ("frequencyCaps.perViewerPerDay", b => b["frequencyCaps"]!["perViewerPerDay"] = 0),
        ["cap per day too high"] = ("frequencyCaps.perViewerPerDay", b => b["frequencyCaps"]!["perViewerPerDay"] = 51),
        ["cap per session too high"] = ("frequencyCaps.perSession", b => b["frequencyCaps"]!["perSession"] = 11),
    };

    public static TheoryData<string> CaseNames => [.. Cases.Keys];

    [Theory, MemberData(nameof(CaseNames))]
    public async Task Create_invalidField_validationProblemNamingTheFieldAndNothingStored(string name)
    {
        var (client, account, _, _) = await app.SignUpAsync("advertiser");
        var (field, breakIt) = Cases[name];
        var body = CampaignApi.ValidBody();
        breakIt(body);

        var response = await client.PostAsJsonAsync("/api/campaigns", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await Problem.ReadAsync(response);
        var errors = problem.Errors ?? [];
        Assert.True(errors.ContainsKey(field), $"expected an error for {field}; got {string.Join(", ", errors.Keys)}");
        Assert.All(errors[field], message => Assert.True(message.Length > 12, message));
        Assert.Single(errors);
        Assert.Empty(await app.Campaigns().ListByAdvertiserAsync(account.UserId));
    }

    [Fact]
    public async Task Create_manyFieldsWrong_namesEveryOne()
    {
        var (client, account, _, _) = await app.SignUpAsync("advertiser");

        var response = await client.PostAsJsonAsync("/api/campaigns", new { name = "<b>x</b>", totalBudget = -1, dailyBudget = 0, bid = 0, bidType = "free", landingUrl = "javascript:void(0)" });

        var problem = await Problem.ReadAsync(response);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["bid", "bidType", "dailyBudget", "endsAt", "headline", "landingUrl", "name", "startsAt", "totalBudget"], problem.Errors!.Keys.Order());
        Assert.Empty(await app.Campaigns().ListByAdvertiserAsync(account.UserId));
    }

    [Fact]
    public async Task Create_markupInEveryTextField_isRefusedNotEscapedAndStored()
    {
        var (client, account, _, _) = await app.SignUpAsync("advertiser");
        var body = CampaignApi.ValidBody();
        const string script = "<script>fetch('/api/auth/me')</script>";
        body["name"] = script;
        body["headline"] = script;
        Interaction(body)["persona"] = script;
        Interaction(body)["welcome"] = script;
        Interaction(body)["suggestedPrompts"] = new JsonArray(script);
        body["targeting"]!["interests"] = new JsonArray(script);
        body["exclusions"]!["tags"] = new JsonArray(script);

        var response = await client.PostAsJsonAsync("/api/campaigns", body);

        var problem = await Problem.ReadAsync(response);
        Assert.Equal(["exclusions.tags", "headline", "name", "sponsoredInteraction.persona", "sponsoredInteraction.suggestedPrompts", "sponsoredInteraction.welcome", "targeting.interests"],
            problem.Errors!.Keys.Order());
        Assert.All(problem.Errors.Values.SelectMany(m => m), m => Assert.Contains("< and >", m));
        Assert.Empty(await app.Campaigns().ListByAdvertiserAsync(account.UserId));
    }

    [Theory]
    [InlineData("{\"name\": \"Harbor\", ")]
    [InlineData("[1, 2, 3]")]
    [InlineData("{\"name\": \"Harbor\", \"totalBudget\": \"a lot\"}")]
    [InlineData("{\"name\": \"Harbor\", \"totalBudget\": 1e40}")]
    [InlineData("{\"targeting\": \"coffee\"}")]
    [InlineData("")]
    public async Task Create_malformedJson_badRequestProblemAndNothingStored(string json)
    {
        var (client, account, _, _) = await app.SignUpAsync("advertiser");

        var response = await client.PostAsync("/api/campaigns", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await Problem.ReadAsync(response);
        Assert.False(string.IsNullOrWhiteSpace(problem.Detail));
        Assert.Empty(await app.Campaigns().ListByAdvertiserAsync(account.UserId));
    }

    [Fact]
    public async Task Create_notJson_415AndNothingStored()
    {
        var (client, account, _, _) = await app.SignUpAsync("advertiser");

        var response = await client.PostAsync("/api/campaigns", new StringContent("name=Harbor", Encoding.UTF8, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Empty(await app.Campaigns().ListByAdvertiserAsync(account.UserId));
    }

    [Fact]
    public async Task Create_oversizedBody_413AndNothingStored()
    {
        var (client, account, _, _) = await app.SignUpAsync("advertiser");
        var body = CampaignApi.ValidBody();
        Interaction(body)["persona"] = new string('p', 80 * 1024);

        var response = await client.PostAsync("/api/campaigns", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(await app.Campaigns().ListByAdvertiserAsync(account.UserId));
    }

    [Fact]
    public async Task Update_invalid_validationProblemAndTheStoredCampaignUnchanged()
    {
        var (client, _, _, _) = await app.SignUpAsync("advertiser");
        var campaign = await CampaignApi.CreateAsync(client);
        var before = await app.StoredAsync(campaign.Id());
        var body = CampaignApi.ValidBody();
        body["headline"] = "A new headline <script>alert(1)</script>";
        body["dailyBudget"] = 5000;

        var response = await client.PutAsJsonAsync($"/api/campaigns/{campaign.Id()}", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["dailyBudget", "headline"], (await Problem.ReadAsync(response)).Errors!.Keys.Order());
        Assert.Equal(before, await app.StoredAsync(campaign.Id()));
    }

    [Theory]
    [InlineData("{\"name\": ")]
    [InlineData("{\"bid\": []}")]
    public async Task Update_malformedJson_badRequestAndTheStoredCampaignUnchanged(string json)
    {
        var (client, _, _, _) = await app.SignUpAsync("advertiser");
        var campaign = await CampaignApi.CreateAsync(client);
        var before = await app.StoredAsync(campaign.Id());

        var response = await client.PutAsync($"/api/campaigns/{campaign.Id()}", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await app.StoredAsync(campaign.Id()));
    }
}
