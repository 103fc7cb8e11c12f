using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace FeedEngine.Web.Tests.Posts;

/// <summary>Calls of the posts API as a client makes them, answering JSON elements so tests see the wire shape.</summary>
public static class PostsApi
{
    public static object Game(string title = "The Lighthouse") => new
    {
        title,
        kind = "game",
        persona = "You narrate a coastal mystery. SECRET-PERSONA-TEXT",
        hook = "The lamp went dark.",
        hiddenInstructions = "SECRET-INSTRUCTIONS: the keeper hides in the cave.",
        greetings = new[] { "Rain needles the harbor.", "Fog swallows the town." },
        exampleDialogue = "Player: hi\nNarrator: SECRET-EXAMPLE",
        lore = new object[]
        {
            new { name = "The cave", keys = new[] { "cave", "cliff" }, secondaryKeys = new[] { "tide" }, content = "SECRET-LORE under the cliff.", priority = 5, selective = true },
            new { name = "The village", keys = Array.Empty<string>(), content = "SECRET-LORE-2 forty houses.", alwaysOn = true },
        },
        stateSchema = new object[]
        {
            new { name = "location", type = "enum", allowedValues = new[] { "harbor", "lighthouse", "cave" }, @default = "harbor", description = "Where you stand." },
            new { name = "suspicion", type = "int", min = 0, max = 100, @default = 10, visibleToViewer = false, description = "SECRET-STATE" },
        },
        rules = new[] { "SECRET-RULE: clues only when found." },
        suggestedReplies = new[] { "Climb the tower" },
        tags = new[] { "mystery", "sea" },
        ageRating = "everyone",
        adEligible = false,
        canon = "SECRET-CANON: the keeper is alive.",
        visibility = "public",
        personality = "SECRET-PERSONALITY moody",
        scenario = "SECRET-SCENARIO storm",
        systemPrompt = "SECRET-SYSTEM be brief",
        creatorNotes = "SECRET-NOTES play slowly",
    };

    public static async Task<JsonElement> CreateAsync(HttpClient client, object? body = null)
    {
        var response = await client.PostAsJsonAsync("/api/posts", body ?? Game());
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await JsonAsync(response);
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    public static async Task<JsonElement> OkAsync(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await JsonAsync(response);
    }

    public static string Id(JsonElement post) => post.GetProperty("postId").GetString()!;

    public static long Version(JsonElement post) => post.GetProperty("version").GetInt64();

    public static Task<HttpResponseMessage> PublishAsync(HttpClient client, string postId, string? key = null, long? version = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/posts/{postId}/publish{(version is null ? "" : $"?version={version}")}");
        if (key is not null) request.Headers.Add("Idempotency-Key", key);
        return client.SendAsync(request);
    }

    public static async Task<IReadOnlyList<string>> FeedIdsAsync(HttpClient client)
    {
        var feed = await OkAsync(await client.GetAsync("/api/feed?pageSize=50"));
        return [.. feed.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("postId").GetString()!)];
    }

    public static MultipartFormDataContent File(byte[] bytes, string fileName, string field = "file")
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(fileName.EndsWith(".png") ? "image/png" : "application/json");
        return new MultipartFormDataContent { { content, field, fileName } };
    }
}
