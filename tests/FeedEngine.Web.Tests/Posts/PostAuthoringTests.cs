using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static FeedEngine.Web.Tests.Posts.PostsApi;

namespace FeedEngine.Web.Tests.Posts;

[Collection(AppCollection.Name)]
public sealed class PostAuthoringTests(FeedEngineApp app)
{
    [Fact]
    public async Task Create_titleKindPersona_returnsTheDraftWithItsIdAndDefaults()
    {
        var (creator, account, _, _) = await app.SignUpAsync("creator");

        var response = await creator.PostAsJsonAsync("/api/posts", new { title = "Captain Mara", kind = "character", persona = "A retired sky captain." });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var post = await JsonAsync(response);
        Assert.Equal(22, Id(post).Length);
        Assert.Equal($"/api/posts/{Id(post)}", response.Headers.Location?.OriginalString);
        Assert.Equal(1, Version(post));
        Assert.Equal("draft", post.GetProperty("status").GetString());
        Assert.Equal("character", post.GetProperty("kind").GetString());
        Assert.Equal("public", post.GetProperty("visibility").GetString());
        Assert.Equal("everyone", post.GetProperty("ageRating").GetString());
        Assert.Equal(0, post.GetProperty("publishedVersion").GetInt32());
        Assert.Equal(account.UserId, post.GetProperty("creatorId").GetString());
        Assert.Equal(6, post.GetProperty("tokens").GetProperty("persona").GetInt32()); // 22 characters, about 4 a token
        Assert.Equal(3000, post.GetProperty("tokens").GetProperty("personaBudget").GetInt32());
        Assert.Empty(post.GetProperty("lore").EnumerateArray());
    }

    [Fact]
    public async Task Create_everyField_readBackByItsCreator()
    {
        var (creator, _, _, _) = await app.SignUpAsync("creator");
        var created = await CreateAsync(creator);

        var post = await OkAsync(await creator.GetAsync($"/api/posts/{Id(created)}"));

        Assert.Equal("The Lighthouse", post.GetProperty("title").GetString());
        Assert.Equal("game", post.GetProperty("kind").GetString());
        Assert.Equal(2, post.GetProperty("greetings").GetArrayLength());
        var cave = post.GetProperty("lore")[0];
        Assert.Equal(["cave", "cliff"], cave.GetProperty("keys").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal("tide", cave.GetProperty("secondaryKeys")[0].GetString());
        Assert.True(cave.GetProperty("selective").GetBoolean());
        Assert.True(post.GetProperty("lore")[1].GetProperty("alwaysOn").GetBoolean());
        var location = post.GetProperty("stateSchema")[0];
        Assert.Equal("enum", location.GetProperty("type").GetString());
        Assert.Equal("harbor", location.GetProperty("default").GetString());
        Assert.Equal(10, post.GetProperty("stateSchema")[1].GetProperty("default").GetInt32());
        Assert.False(post.GetProperty("stateSchema")[1].GetProperty("visibleToViewer").GetBoolean());
        Assert.StartsWith("SECRET-CANON", post.GetProperty("canon").GetString());
        Assert.StartsWith("SECRET-INSTRUCTIONS", post.GetProperty("hiddenInstructions").GetString());
        Assert.False(post.GetProperty("adEligible").GetBoolean());
        Assert.Equal(["mystery", "sea"], post.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.True(post.GetProperty("tokens").GetProperty("alwaysSent").GetInt32() > post.GetProperty("tokens").GetProperty("persona").GetInt32());
    }

    [Fact]
    public async Task Create_missingTitleKindAndPersona_400WithAMessagePerField()
    {
        var (creator, _, _, _) = await app.SignUpAsync("creator");

        var response = await creator.PostAsJsonAsync("/api/posts", new { hook = "Only a hook" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await Problem.ReadAsync(response);
        Assert.Equal("The post has 3 problems", problem.Title);
        Assert.Equal("Give the post a title.", problem.Errors!["title"].Single());
        Assert.Contains("character, story, game, quiz or imageChat", problem.Errors["kind"].Single());
        Assert.Contains("persona", problem.Errors["persona"].Single());
        Assert.Empty((await OkAsync(await creator.GetAsync("/api/posts"))).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task Create_unknownKind_400NamingTheField()
    {
        var (creator, _, _, _) = await app.SignUpAsync("creator");

        var response = await creator.PostAsJsonAsync("/api/posts", new { title = "x", kind = "spaceship", persona = "y" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("kind", (await Problem.ReadAsync(response)).Detail);
    }

    [Fact]
    public async Task CreatorApis_asViewerOrAnonymous_refused()
    {
        var (viewer, _, _, _) = await app.SignUpAsync("viewer");
        var anonymous = app.CreateClient();
        var (creator, _, _, _) = await app.SignUpAsync("creator");
        var post = await CreateAsync(creator);

        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsJsonAsync("/api/posts", Game())).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/posts", Game())).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync("/api/posts")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PutAsJsonAsync($"/api/posts/{Id(post)}", new { title = "Mine now", version = 1 })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PublishAsync(viewer, Id(post))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync($"/api/posts/{Id(post)}/card")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsync("/api/posts/import", File(TestSupport.TestCards.Utf8(TestSupport.TestCards.V2()), "card.json"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync($"/api/posts/{Id(post)}/unpublish", null)).StatusCode);
    }

    [Fact]
    public async Task AnotherCreatorsDraft_cannotBeReadEditedPublishedOrExported()
    {
        var (owner, _, _, _) = await app.SignUpAsync("creator");
        var (other, _, _, _) = await app.SignUpAsync("creator");
        var post = await CreateAsync(owner);
        var id = Id(post);

        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/posts/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PutAsJsonAsync($"/api/posts/{id}", new { title = "Stolen", version = 1 })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PublishAsync(other, id)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsJsonAsync($"/api/posts/{id}/rollback", new { toVersion = 1 })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/posts/{id}/versions")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/posts/{id}/card?format=png")).StatusCode);
        Assert.DoesNotContain(id, (await other.GetStringAsync("/api/posts")));

        var unchanged = await OkAsync(await owner.GetAsync($"/api/posts/{id}"));
        Assert.Equal("The Lighthouse", unchanged.GetProperty("title").GetString());
        Assert.Equal(1, Version(unchanged));
        Assert.Equal("draft", unchanged.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Put_currentVersion_savesOnlyTheFieldsSentAndMovesTheVersionOn()
    {
        var (creator, _, _, _) = await app.SignUpAsync("creator");
        var post = await CreateAsync(creator);

        var saved = await OkAsync(await creator.PutAsJsonAsync($"/api/posts/{Id(post)}", new { title = "The Lighthouse, revised", tags = new[] { "gothic" }, version = Version(post) }));

        Assert.Equal(2, Version(saved));
        Assert.Equal("The Lighthouse, revised", saved.GetProperty("title").GetString());
        Assert.Equal("gothic", saved.GetProperty("tags")[0].GetString());
        Assert.Equal(2, saved.GetProperty("lore").GetArrayLength());
        var listed = (await OkAsync(await creator.GetAsync("/api/posts"))).GetProperty("items");
        Assert.Equal("The Lighthouse, revised", listed[0].GetProperty("title").GetString());
    }

    [Fact]
    public async Task Put_staleVersion_409ExplainsAndOverwritesNothing()
    {
        var (creator, _, _, _) = await app.SignUpAsync("creator");
        var post = await CreateAsync(creator);
        var id = Id(post);
        // Tab one saves first.
        await OkAsync(await creator.PutAsJsonAsync($"/api/posts/{id}", new { title = "Saved in tab one", version = 1 }));

        // Tab two still holds version 1.
        var response = await creator.PutAsJsonAsync($"/api/posts/{id}", new { title = "Saved in tab two", version = 1 });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var body = await JsonAsync(response);
        Assert.Equal(2, body.GetProperty("currentVersion").GetInt64());
        Assert.Contains("you edited version 1, the saved draft is version 2", body.GetProperty("detail").GetString());
        Assert.Contains("Nothing was overwritten", body.GetProperty("detail").GetString());
        Assert.Equal("Saved in tab one", (await OkAsync(await creator.GetAsync($"/api/posts/{id}"))).GetProperty("title").GetString());
    }

    [Fact]
    public async Task Put_withoutVersion_400AsksForIt()
    {
        var (creator, _, _, _) = await app.SignUpAsync("creator");
        var post = await CreateAsync(creator);

        var response = await creator.PutAsJsonAsync($"/api/posts/{Id(post)}", new { title = "No version" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Send the version", (await Problem.ReadAsync(response)).Errors!["version"].Single());
    }

    public static TheoryData<string, object, string, string> InvalidEdits() => new()
    {
        { "state default outside its bounds",
          new { stateSchema = new[] { new { name = "health", type = "int", min = 0, max = 100, @default = 150 } } },
          "stateSchema[0].default", "outside its bounds 0 to 100" },
        { "enum default not allowed",
          new { stateSchema = new[] { new { name = "place", type = "enum", allowedValues = new[] { "harbor", "cave" }, @default = "attic" } } },
          "stateSchema[0].default", "not one of its allowed values: harbor, cave" },
        { "lore entry with no keys",
          new { lore = new[] { new { name = "Storm", keys = Array.Empty<string>(), content = "Three days of rain." } } },
          "lore[0].keys", "has no keys" },
        { "persona over the token budget",
          new { persona = new string('p', 12_400) },
          "persona", "about 3,100 tokens (12,400 characters)" },
        { "oversize hook",
          new { hook = new string('h', 301) },
          "hook", "at most 300" },
        { "markup in the title",
          new { title = "<marquee>Hi</marquee>" },
          "title", "contains markup" },
        { "script in a greeting",
          new { greetings = new[] { "Hello <script>steal()</script>" } },
          "greetings[0]", "active web content" },
        { "unknown cover image",
          new { coverImageId = "AAAAAAAAAAAAAAAAAAAAAA" },
          "coverImageId", "Upload the cover with POST /api/images" },
    };

    [Theory, MemberData(nameof(InvalidEdits))]
    public async Task Put_invalidField_400WithAMessageOnThatFieldAndNothingSaved(string name, object edit, string field, string says)
    {
        var (creator, _, _, _) = await app.SignUpAsync("creator");
        var post = await CreateAsync(creator);
        var body = JsonSerializer.SerializeToNode(edit)!.AsObject();
        body["version"] = Version(post);

        var response = await creator.PutAsJsonAsync($"/api/posts/{Id(post)}", body);

        Assert.True(HttpStatusCode.BadRequest == response.StatusCode, name);
        var problem = await Problem.ReadAsync(response);
        Assert.Contains(says, Assert.Single(problem.Errors![field]));
        Assert.Equal(1, Version(await OkAsync(await creator.GetAsync($"/api/posts/{Id(post)}"))));
    }

    [Fact]
    public async Task Put_coverUploadedThroughTheImagePipeline_showsItsCardUrl()
    {
        var (creator, _, _, _) = await app.SignUpAsync("creator");
        var post = await CreateAsync(creator);
        var upload = await OkAsync(await creator.PostAsync("/api/images", File(TestSupport.TestCards.Picture(), "cover.png")));
        var imageId = upload.GetProperty("imageId").GetString();

        var saved = await OkAsync(await creator.PutAsJsonAsync($"/api/posts/{Id(post)}", new { coverImageId = imageId, version = 1 }));

        Assert.Equal($"/images/{imageId}/card", saved.GetProperty("coverUrl").GetString());
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync(saved.GetProperty("coverUrl").GetString())).StatusCode);
        var removed = await OkAsync(await creator.PutAsJsonAsync($"/api/posts/{Id(post)}", new { coverImageId = "", version = 2 }));
        Assert.Equal(JsonValueKind.Null, removed.GetProperty("coverUrl").ValueKind);
    }

    [Fact]
    public async Task Create_bodyOverTheLimit_413Unread()
    {
        var (creator, _, _, _) = await app.SignUpAsync("creator");
        var content = new ByteArrayContent(new byte[9 * 1024 * 1024]);
        content.Headers.ContentType = new("application/json");

        var response = await creator.PostAsync("/api/posts", content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }
}
