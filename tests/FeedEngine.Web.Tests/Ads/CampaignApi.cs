using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using FeedEngine.Storage.Campaigns;
using Microsoft.Extensions.DependencyInjection;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace FeedEngine.Web.Tests.Ads;

/// <summary>What the campaign tests share: a valid body to break one field at a time, and calls as the API's users make them.</summary>
public static class CampaignApi
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>A campaign that passes every rule: starts an hour ago, ends in thirty days, in New York time.</summary>
    public static JsonObject ValidBody(string? imageId = null) => new()
    {
        ["name"] = "Harbor coffee, spring",
        ["totalBudget"] = 1000.50m,
        ["dailyBudget"] = 50m,
        ["bid"] = 0.75m,
        ["bidType"] = "cpe",
        ["startsAt"] = DateTimeOffset.UtcNow.AddHours(-1).ToString("yyyy-MM-ddTHH:mm:ssZ"),
        ["endsAt"] = DateTimeOffset.UtcNow.AddDays(30).ToString("yyyy-MM-ddTHH:mm:ssZ"),
        ["timeZone"] = "America/New_York",
        ["headline"] = "Coffee roasted at the lighthouse",
        ["landingUrl"] = "https://coffee.example/spring?utm_source=feedengine",
        ["imageId"] = imageId,
        ["targeting"] = new JsonObject { ["interests"] = new JsonArray("coffee", "sea stories"), ["locales"] = new JsonArray("en-US"), ["ageRatings"] = new JsonArray("teen", "mature") },
        ["frequencyCaps"] = new JsonObject { ["perViewerPerDay"] = 2, ["perSession"] = 1 },
        ["exclusions"] = new JsonObject { ["postKinds"] = new JsonArray("quiz"), ["tags"] = new JsonArray("horror"), ["ageRatings"] = new JsonArray("everyone"), ["moderationCategories"] = new JsonArray("violence", "politics") },
        ["sponsoredInteraction"] = new JsonObject
        {
            ["persona"] = "Bea, the roaster: warm, brief, never pushy.",
            ["welcome"] = "Curious what makes a lighthouse roast?",
            ["suggestedPrompts"] = new JsonArray("What's in it?", "Where do you ship?"),
            ["landingUrl"] = "https://coffee.example/chat",
        },
    };

    public static async Task<JsonElement> CreateAsync(HttpClient client, JsonObject? body = null)
    {
        var response = await client.PostAsJsonAsync("/api/campaigns", body ?? ValidBody());
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static async Task<JsonElement> GetAsync(HttpClient client, string campaignId)
    {
        var response = await client.GetAsync($"/api/campaigns/{campaignId}");
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Uploads a small generated PNG through <c>POST /api/images</c>; a different colour per call, so no two are deduplicated.</summary>
    public static async Task<string> UploadImageAsync(HttpClient client)
    {
        var content = new MultipartFormDataContent { { new ByteArrayContent(Png()), "file", "creative.png" } };
        var response = await client.PostAsync("/api/images", content);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("imageId").GetString()!;
    }

    public static byte[] Png()
    {
        using var image = new Image<Rgba32>(320, 180);
        var color = new Rgba32((byte)Random.Shared.Next(256), (byte)Random.Shared.Next(256), (byte)Random.Shared.Next(256));
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < rows.Height; y++)
            {
                var row = rows.GetRowSpan(y);
                for (var x = 0; x < row.Length; x++) row[x] = x < 160 ? color : new Rgba32(250, 244, 230);
            }
        });
        using var stream = new MemoryStream();
        image.SaveAsPng(stream);
        return stream.ToArray();
    }

    public static string Status(this JsonElement campaign) => campaign.GetProperty("status").GetString()!;

    public static string Id(this JsonElement campaign) => campaign.GetProperty("campaignId").GetString()!;

    public static ICampaignRepository Campaigns(this FeedEngineApp app) => app.Services.GetRequiredService<ICampaignRepository>();

    /// <summary>The stored campaign as JSON, to show that a refused request changed nothing.</summary>
    public static async Task<string> StoredAsync(this FeedEngineApp app, string campaignId) =>
        JsonSerializer.Serialize(await app.Campaigns().FindAsync(campaignId));
}
