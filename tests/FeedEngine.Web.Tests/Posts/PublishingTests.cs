using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static FeedEngine.Web.Tests.Posts.PostsApi;

namespace FeedEngine.Web.Tests.Posts;

[Collection(AppCollection.Name)]
public sealed class PublishingTests(FeedEngineApp app)
{
    static readonly string[] Secrets =
    [
        "SECRET-PERSONA-TEXT", "SECRET-INSTRUCTIONS", "SECRET-EXAMPLE", "SECRET-LORE", "SECRET-STATE", "SECRET-RULE",
        "SECRET-CANON", "SECRET-PERSONALITY", "SECRET-SCENARIO", "SECRET-SYSTEM", "SECRET-NOTES", "suspicion",
    ];

    [Fact]
    public async Task Publish_draft_listedInTheFeedAndViewersGetThePublicViewOnly()
    {
        var (creator, _, _, _) = await app.SignUpAsync("creator");
        var id = Id(await CreateAsync(creator, Game("Published lighthouse")));

        var published = await OkAsync(await PublishAsync(creator, id));

        Assert.Equal("published", published.GetProperty("status").GetString());
        Assert.Equal(1, published.GetProperty("publishedVersion").GetInt32());
        Assert.Equal(2, Version(published));
        Assert.Contains(id, await FeedIdsAsync(app.CreateClient()));

        var (viewer, _, _, _) = await app.SignUpAsync("viewer");
        foreach (var client in new[] { viewer, app.CreateClient(), (await app.SignUpAsync("creator")).Client })
        {
            var response = await client.GetAsync($"/api/posts/{id}");
            var raw = await response.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            foreach (var secret in Secrets) Assert.DoesNotContain(secret, raw);
            foreach (var field in new[] { "persona", "hiddenInstructions", "rules", "lore", "canon", "systemPrompt", "exampleDialogue", "creatorNotes", "version\":2" })
                Assert.DoesNotContain($"\"{field}", raw);
            var view = await JsonAsync(response);
            Assert.Equal("Published lighthouse", view.GetProperty("title").GetString());
            Assert.Equal(2, view.GetProperty("greetings").GetArrayLength());
            Assert.Equal("Climb the tower", view.GetProperty("suggestedReplies")[0].GetString());
            var state = Assert.Single(view.GetProperty("state").EnumerateArray());
            Assert.Equal("location", state.GetProperty("name").GetString());
            Assert.Equal("harbor", state.GetProperty("default").GetString());
            Assert.Equal(1, view.GetProperty("version").GetInt32());
        }

        // The creator sees the viewers' view on request, and the whole draft otherwise.
        var preview = await creator.GetStringAsync($"/api/posts/{id}?view=public");
        Assert.DoesNotContain("SECRET-PERSONA-TEXT", preview);
        Assert.Contains("SECRET-PERSONA-TEXT", await creator.GetStringAsync($"/api/posts/{id}"));
    }

    [Fact]
    public async Task Get_unpublishedDraft_404ForEveryoneButItsCreator()
    {
        var (creator, _, _, _) = await app.SignUpAsync("creator");
        var id = Id(await CreateAsync(creator));

        var response = await app.CreateClient().GetAsync($"/api/posts/{id}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("SECRET", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync("/api/posts/no-such-post")).StatusCode);
    }

    [Fact]
    public async Task Publish_sameIdempotencyKeyTwice_makesOneVersion()
    {
        var (creator, _, _, _) = await app.SignUpAsync("creator");
        var id = Id(await CreateAsync(creator));
        var key = Guid.NewGuid().ToString();

        var first = await OkAsync(await PublishAsync(creator, id, key, version: 1));
        var retry = await OkAsync(await PublishAsync(creator, id, key, version: 1));

        Assert.Equal(1, first.GetProperty("publishedVersion").GetInt32());
        Assert.Equal(1, retry.GetProperty("publishedVersion").GetInt32());
        Assert.Equal(Version(first), Version(retry));
        Assert.Single((await OkAsync(await creator.GetAsync($"/api/posts/{id}/versions"))).GetProperty("items").EnumerateArray());
        // The same key on another post is another request.
        var other = Id(await CreateAsync(creator));
        Assert.Equal(1, (await OkAsync(await PublishAsync(creator, other, key))).GetProperty("publishedVersion").GetInt32());
    }

    [Fact]
    public async Task Publish_staleVersion_409AndNothingPublished()
    {
        var (creator, _, _, _) = await app.SignUpAsync("creator");
        var id = Id(await CreateAsync(creator));
        await OkAsync(await creator.PutAsJsonAsync($"/api/posts/{id}", new { title = "Edited in another tab", version = 1 }));

        var response = await PublishAsync(creator, id, version: 1);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("saved elsewhere", (await Problem.ReadAsync(response)).Detail);
        Assert.Equal(0, (await OkAsync(await creator.GetAsync($"/api/posts/{id}"))).GetProperty("publishedVersion").GetInt32());
    }

    [Fact]
    public async Task Publish_badIdempotencyKey_400()
    {
        var (creator, _, _, _) = await app.SignUpAsync("creator");
        var id = Id(await CreateAsync(creator));

        var response = await PublishAsync(creator, id, new string('k', 101));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Idempotency-Key", (await Problem.ReadAsync(response)).Detail);
    }

    [Fact]
    public async Task EditAfterPublish_viewersKeepThePublishedVersionUntilTheNextPublish()
    {
        var (creator, _, _, _) = await app.SignUpAsync("creator");
        var id = Id(await CreateAsync(creator, Game("Version one")));
        var published = await OkAsync(await PublishAsync(creator, id));

        await OkAsync(await creator.PutAsJsonAsync($"/api/posts/{id}", new { title = "Version two", version = Version(published) }));

        Assert.Equal("Version one", (await OkAsync(await app.CreateClient().GetAsync($"/api/posts/{id}"))).GetProperty("title").GetString());
        Assert.Equal("Version two", (await OkAsync(await creator.GetAsync($"/api/posts/{id}"))).GetProperty("title").GetString());
        await OkAsync(await PublishAsync(creator, id));
        var view = await OkAsync(await app.CreateClient().GetAsync($"/api/posts/{id}"));
        Assert.Equal("Version two", view.GetProperty("title").GetString());
        Assert.Equal(2, view.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Rollback_toVersionOne_republishesItAsVersionThreeAndKeepsTheDraft()
    {
        var (creator, _, _, _) = await app.SignUpAsync("creator");
        var id = Id(await CreateAsync(creator, Game("First take")));
        var v1 = await OkAsync(await PublishAsync(creator, id));
        await OkAsync(await creator.PutAsJsonAsync($"/api/posts/{id}", new { title = "Broken second take", version = Version(v1) }));
        var v2 = await OkAsync(await PublishAsync(creator, id));
        await OkAsync(await creator.PutAsJsonAsync($"/api/posts/{id}", new { title = "Work in progress", version = Version(v2) }));

        var rolledBack = await OkAsync(await creator.PostAsJsonAsync($"/api/posts/{id}/rollback", new { toVersion = 1 }));

        Assert.Equal(3, rolledBack.GetProperty("publishedVersion").GetInt32());
        Assert.Equal("Work in progress", rolledBack.GetProperty("title").GetString());
        var view = await OkAsync(await app.CreateClient().GetAsync($"/api/posts/{id}"));
        Assert.Equal("First take", view.GetProperty("title").GetString());
        Assert.Equal(3, view.GetProperty("version").GetInt32());
        var versions = (await OkAsync(await creator.GetAsync($"/api/posts/{id}/versions"))).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([3, 2, 1], versions.Select(v => v.GetProperty("number").GetInt32()));
        Assert.Equal(1, versions[0].GetProperty("restoredFrom").GetInt32());
        Assert.True(versions[0].GetProperty("current").GetBoolean());
        Assert.False(versions[1].GetProperty("current").GetBoolean());
        Assert.Equal("Broken second take", versions[1].GetProperty("title").GetString());
    }

    [Theory]
    [InlineData(0, HttpStatusCode.NotFound, "versions 1 to 2")]
    [InlineData(9, HttpStatusCode.NotFound, "no version 9")]
    [InlineData(2, HttpStatusCode.Conflict, "live version already")]
    public async Task Rollback_toAVersionThatIsNotThereOrLive_refused(int toVersion, HttpStatusCode status, string says)
    {
        var (creator, _, _, _) = await app.SignUpAsync("creator");
        var id = Id(await CreateAsync(creator));
        await OkAsync(await PublishAsync(creator, id));
        await OkAsync(await PublishAsync(creator, id));

        var response = await creator.PostAsJsonAsync($"/api/posts/{id}/rollback", new { toVersion });

        Assert.Equal(status, response.StatusCode);
        Assert.Contains(says, (await Problem.ReadAsync(response)).Detail);
    }

    [Fact]
    public async Task Unpublish_takesThePostOutOfTheFeedAndAwayFromViewers()
    {
        var (creator, _, _, _) = await app.SignUpAsync("creator");
        var id = Id(await CreateAsync(creator));
        await OkAsync(await PublishAsync(creator, id));

        var unpublished = await OkAsync(await creator.PostAsync($"/api/posts/{id}/unpublish", null));

        Assert.Equal("unpublished", unpublished.GetProperty("status").GetString());
        Assert.DoesNotContain(id, await FeedIdsAsync(app.CreateClient()));
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync($"/api/posts/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await creator.GetAsync($"/api/posts/{id}")).StatusCode);
        var again = await creator.PostAsync($"/api/posts/{id}/unpublish", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("unpublished already", (await Problem.ReadAsync(again)).Detail);

        // Rolling back to the last version brings it back.
        await OkAsync(await creator.PostAsJsonAsync($"/api/posts/{id}/rollback", new { toVersion = 1 }));
        Assert.Contains(id, await FeedIdsAsync(app.CreateClient()));
    }

    [Fact]
    public async Task Unpublish_neverPublished_409()
    {
        var (creator, _, _, _) = await app.SignUpAsync("creator");
        var id = Id(await CreateAsync(creator));

        var response = await creator.PostAsync($"/api/posts/{id}/unpublish", null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("never been published", (await Problem.ReadAsync(response)).Detail);
    }

    [Theory]
    [InlineData("unlisted", HttpStatusCode.OK)]
    [InlineData("private", HttpStatusCode.NotFound)]
    public async Task Visibility_onlyPublicPostsAreInTheFeed(string visibility, HttpStatusCode viewerStatus)
    {
        var (creator, _, _, _) = await app.SignUpAsync("creator");
        var body = JsonSerializer.SerializeToNode(Game())!.AsObject();
        body["visibility"] = visibility;
        var id = Id(await CreateAsync(creator, body));
        await OkAsync(await PublishAsync(creator, id));

        Assert.DoesNotContain(id, await FeedIdsAsync(app.CreateClient()));
        Assert.Equal(viewerStatus, (await app.CreateClient().GetAsync($"/api/posts/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await creator.GetAsync($"/api/posts/{id}?view=public")).StatusCode);
    }

    [Fact]
    public async Task MatureRatedPost_refusedToAGuestWithWhatToDo_shownToAnAdult()
    {
        var (creator, _, _, _) = await app.SignUpAsync("creator");
        var body = JsonSerializer.SerializeToNode(Game())!.AsObject();
        body["ageRating"] = "mature";
        var id = Id(await CreateAsync(creator, body));
        await OkAsync(await PublishAsync(creator, id));
        var (adult, _, _, _) = await app.SignUpAsync("viewer", birthYear: DateTime.UtcNow.Year - 30);

        var response = await app.CreateClient().GetAsync($"/api/posts/{id}");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("add your birth year", (await Problem.ReadAsync(response)).Detail);
        Assert.Equal(HttpStatusCode.OK, (await adult.GetAsync($"/api/posts/{id}")).StatusCode);
        Assert.DoesNotContain(id, await FeedIdsAsync(app.CreateClient()));
        Assert.Contains(id, await FeedIdsAsync(adult));
    }
}
