using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FeedEngine.TestSupport;
using static FeedEngine.Web.Tests.Posts.PostsApi;

namespace FeedEngine.Web.Tests.Posts;

[Collection(AppCollection.Name)]
public sealed class CardApiTests(FeedEngineApp app)
{
    static async Task<JsonElement> ImportAsync(HttpClient client, byte[] file, string name)
    {
        var response = await client.PostAsync("/api/posts/import", File(file, name));
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await JsonAsync(response);
    }

    static void AssertEveryCardField(JsonElement post)
    {
        Assert.Equal(22, Id(post).Length);
        Assert.Equal("draft", post.GetProperty("status").GetString());
        Assert.Equal("Wren the Cartographer", post.GetProperty("title").GetString());
        Assert.Equal("character", post.GetProperty("kind").GetString());
        Assert.StartsWith("{{char}} is a travelling mapmaker", post.GetProperty("persona").GetString());
        Assert.Equal("Curious, precise, a little vain about her handwriting.", post.GetProperty("personality").GetString());
        Assert.StartsWith("{{user}} meets {{char}}", post.GetProperty("scenario").GetString());
        var greetings = post.GetProperty("greetings").EnumerateArray().Select(g => g.GetString()).ToList();
        Assert.Equal(3, greetings.Count);
        Assert.StartsWith("*Wren spreads a damp map", greetings[0]);
        Assert.Equal("\"Careful, that ink's still wet.\"", greetings[1]);
        Assert.StartsWith("<START>", post.GetProperty("exampleDialogue").GetString());
        Assert.Equal("Write {{char}}'s next reply in a vivid, concise style.", post.GetProperty("systemPrompt").GetString());
        Assert.Equal("Stay in character as {{char}}; never describe {{user}}'s actions.", post.GetProperty("hiddenInstructions").GetString());
        Assert.Equal("Works best with short replies. Likes questions about geography.", post.GetProperty("creatorNotes").GetString());
        Assert.Equal(["Fantasy", "adventure", "maps"], post.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        var lore = post.GetProperty("lore").EnumerateArray().ToList();
        Assert.Equal(3, lore.Count);
        Assert.Equal(["Kessel", "kessel harbour"], lore[0].GetProperty("keys").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal(["harbour", "whale"], lore[0].GetProperty("secondaryKeys").EnumerateArray().Select(k => k.GetString()));
        Assert.True(lore[0].GetProperty("selective").GetBoolean());
        Assert.Equal(10, lore[0].GetProperty("priority").GetInt32());
        Assert.Equal(100, lore[0].GetProperty("insertionOrder").GetInt32());
        Assert.Equal("before_char", lore[0].GetProperty("extras").GetProperty("position").GetString());
        Assert.True(lore[1].GetProperty("alwaysOn").GetBoolean());
        Assert.False(lore[2].GetProperty("enabled").GetBoolean());
        var extras = post.GetProperty("cardExtras");
        Assert.Equal("inkwell", extras.GetProperty("creator").GetString());
        Assert.Equal("1.2", extras.GetProperty("character_version").GetString());
        Assert.Equal("Wren hums while she draws.", extras.GetProperty("extensions").GetProperty("depth_prompt").GetProperty("prompt").GetString());
        Assert.Equal(12345, extras.GetProperty("extensions").GetProperty("chub").GetProperty("id").GetInt32());
        Assert.Equal(512, extras.GetProperty("character_book").GetProperty("token_budget").GetInt32());
    }

    [Fact]
    public async Task Import_v2Json_createsADraftWithEveryField()
    {
        var (creator, _, _, _) = await app.SignUpAsync("creator");

        var post = await ImportAsync(creator, TestCards.Utf8(TestCards.V2()), "wren.json");

        AssertEveryCardField(post);
        Assert.Equal(JsonValueKind.Null, post.GetProperty("coverUrl").ValueKind);
        var stored = await OkAsync(await creator.GetAsync($"/api/posts/{Id(post)}"));
        Assert.Equal(post.GetRawText(), stored.GetRawText());
    }

    [Fact]
    public async Task Import_v3Json_keepsTheV3Fields()
    {
        var (creator, _, _, _) = await app.SignUpAsync("creator");

        var post = await ImportAsync(creator, TestCards.Utf8(TestCards.V3()), "wren.json");

        AssertEveryCardField(post);
        var extras = post.GetProperty("cardExtras");
        Assert.Equal("Wren", extras.GetProperty("nickname").GetString());
        Assert.Equal("ccdefault:", extras.GetProperty("assets")[0].GetProperty("uri").GetString());
        Assert.Equal(1_710_000_000, extras.GetProperty("modification_date").GetInt64());
        Assert.True(post.GetProperty("lore")[0].GetProperty("extras").GetProperty("use_regex").GetBoolean());
    }

    [Theory]
    [InlineData("chara")]
    [InlineData("ccv3")]
    public async Task Import_pngCard_thePictureBecomesTheCover(string keyword)
    {
        var (creator, _, _, _) = await app.SignUpAsync("creator");
        var card = keyword == "chara" ? TestCards.V2() : TestCards.V3();

        var post = await ImportAsync(creator, TestCards.PngCard(card, keyword), "wren.png");

        AssertEveryCardField(post);
        var cover = await app.CreateClient().GetAsync(post.GetProperty("coverUrl").GetString());
        Assert.Equal(HttpStatusCode.OK, cover.StatusCode);
        Assert.StartsWith("image/", cover.Content.Headers.ContentType?.MediaType);
        // Re-encoded by the pipeline: the card text is not served with the picture.
        Assert.DoesNotContain("Wren", Encoding.Latin1.GetString(await cover.Content.ReadAsByteArrayAsync()));
    }

    [Theory]
    [InlineData("json", "v2", "chara_card_v2", "application/json")]
    [InlineData("json", "v3", "chara_card_v3", "application/json")]
    [InlineData(null, null, "chara_card_v3", "application/json")]
    public async Task Export_json_isACardOfThatSpecWithFeedEngineFieldsInItsExtension(string? format, string? spec, string specName, string contentType)
    {
        var (creator, _, _, _) = await app.SignUpAsync("creator");
        var id = Id(await CreateAsync(creator));
        var query = string.Join('&', new[] { format is null ? null : $"format={format}", spec is null ? null : $"spec={spec}" }.Where(q => q is not null));

        var response = await creator.GetAsync($"/api/posts/{id}/card?{query}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("The-Lighthouse.json", response.Content.Headers.ContentDisposition?.FileName);
        var card = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(specName, (string?)card["spec"]);
        var data = card["data"]!;
        Assert.Equal("The Lighthouse", (string?)data["name"]);
        Assert.Equal("Rain needles the harbor.", (string?)data["first_mes"]);
        Assert.Equal("Fog swallows the town.", (string?)data["alternate_greetings"]![0]);
        Assert.StartsWith("SECRET-INSTRUCTIONS", (string?)data["post_history_instructions"]);
        Assert.Equal("cave", (string?)data["character_book"]!["entries"]![0]!["keys"]![0]);
        Assert.Equal(2, data["character_book"]!["entries"]!.AsArray().Count);
        var feedEngine = data["extensions"]!["feedengine"]!;
        Assert.Equal("game", (string?)feedEngine["kind"]);
        Assert.Equal("suspicion", (string?)feedEngine["stateSchema"]![1]!["name"]);
        Assert.Equal(10, (int?)feedEngine["stateSchema"]![1]!["default"]);
    }

    [Theory]
    [InlineData("v2")]
    [InlineData("v3")]
    public async Task Export_pngThenImport_keepsEveryField(string spec)
    {
        var (creator, _, _, _) = await app.SignUpAsync("creator");
        var upload = await OkAsync(await creator.PostAsync("/api/images", File(TestCards.Picture(120, 180), "cover.png")));
        var body = JsonSerializer.SerializeToNode(Game())!.AsObject();
        body["coverImageId"] = upload.GetProperty("imageId").GetString();
        var original = await CreateAsync(creator, body);

        var response = await creator.GetAsync($"/api/posts/{Id(original)}/card?format=png&spec={spec}");
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        var png = await response.Content.ReadAsByteArrayAsync();
        var reimported = await ImportAsync(creator, png, "export.png");

        using (var image = SixLabors.ImageSharp.Image.Load(png)) Assert.Equal((120, 180), (image.Width, image.Height));
        Assert.Contains(spec == "v3" ? "ccv3" : "chara", Encoding.Latin1.GetString(png));
        Assert.NotEqual(Id(original), Id(reimported));
        Assert.NotNull(reimported.GetProperty("coverUrl").GetString());
        foreach (var field in new[] { "title", "kind", "hook", "persona", "hiddenInstructions", "personality", "scenario", "systemPrompt", "greetings",
                     "exampleDialogue", "lore", "stateSchema", "rules", "suggestedReplies", "tags", "ageRating", "adEligible", "canon", "visibility", "creatorNotes" })
            Assert.True(original.GetProperty(field).GetRawText() == reimported.GetProperty(field).GetRawText(),
                $"{field}: {original.GetProperty(field).GetRawText()} != {reimported.GetProperty(field).GetRawText()}");
    }

    [Fact]
    public async Task Import_thenExport_thenImport_keepsEveryFieldOfTheCard()
    {
        var (creator, _, _, _) = await app.SignUpAsync("creator");
        var first = await ImportAsync(creator, TestCards.PngCard(TestCards.V3(), "ccv3"), "wren.png");

        var exported = await creator.GetByteArrayAsync($"/api/posts/{Id(first)}/card?format=json&spec=v3");
        var second = await ImportAsync(creator, exported, "wren.json");

        foreach (var property in first.EnumerateObject())
        {
            if (property.Name is "postId" or "createdAt" or "updatedAt" or "coverImageId" or "coverUrl") continue;
            Assert.True(property.Value.GetRawText() == second.GetProperty(property.Name).GetRawText(),
                $"{property.Name}: {property.Value.GetRawText()} != {second.GetProperty(property.Name).GetRawText()}");
        }
    }

    [Theory]
    [InlineData("format=gif", "format is 'json' or 'png'")]
    [InlineData("spec=v9", "spec is 'v2'")]
    public async Task Export_unknownFormatOrSpec_400(string query, string says)
    {
        var (creator, _, _, _) = await app.SignUpAsync("creator");
        var id = Id(await CreateAsync(creator));

        var response = await creator.GetAsync($"/api/posts/{id}/card?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(says, (await Problem.ReadAsync(response)).Detail);
    }
}
