using System.Net;
using System.Net.Http.Json;
using System.Text;
using FeedEngine.Storage.Posts;
using FeedEngine.Storage.Sessions;
using Microsoft.Extensions.DependencyInjection;
using static FeedEngine.Web.Tests.Posts.PostsApi;

namespace FeedEngine.Web.Tests.Posts;

/// <summary>Feed views and opens (POST /api/me/viewed, POST /api/me/opened/{postId}) and how the creator's analytics counts them.</summary>
[Collection(AppCollection.Name)]
public sealed class ViewsApiTests(FeedEngineApp app)
{
    async Task<(HttpClient Creator, string PostId)> PublishedAsync(string title)
    {
        var (creator, _, _, _) = await app.SignUpAsync("creator");
        var id = Id(await CreateAsync(creator, Game(title)));
        Assert.Equal(HttpStatusCode.OK, (await PublishAsync(creator, id)).StatusCode);
        return (creator, id);
    }

    static async Task<int> ViewAsync(HttpClient viewer, params string[] postIds)
    {
        var response = await viewer.PostAsJsonAsync("/api/me/viewed", new { postIds });
        return (await OkAsync(response)).GetProperty("counted").GetInt32();
    }

    long Count(string postId, PostViewKind kind) =>
        app.Services.GetRequiredService<IPostViewRepository>().CountAsync(postId, kind).GetAwaiter().GetResult();

    [Fact]
    public async Task ViewsAndOpens_countOncePerViewerPerDay_andLeadTheAnalyticsFunnel()
    {
        var (creator, id) = await PublishedAsync("Viewed lighthouse");
        var (a, _, _, _) = await app.SignUpAsync("viewer");
        var (b, _, _, _) = await app.SignUpAsync("viewer");

        // Viewer a: the card three times in one call, then again; viewer b once. Two views today.
        Assert.Equal(1, await ViewAsync(a, id, id, id));
        Assert.Equal(0, await ViewAsync(a, id));
        Assert.Equal(1, await ViewAsync(b, id));
        // Both open the conversation; a twice. Two opens today.
        Assert.Equal(HttpStatusCode.NoContent, (await a.PostAsync($"/api/me/opened/{id}", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await a.PostAsync($"/api/me/opened/{id}", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await b.PostAsync($"/api/me/opened/{id}", null)).StatusCode);
        // A third viewer saw it on an earlier day (stored as the feed stores it).
        var earlier = new DateTime(2026, 1, 5, 10, 0, 0, DateTimeKind.Utc);
        await app.Services.GetRequiredService<IPostViewRepository>().RecordAsync(PostViewDocument.For(PostViewKind.View, id, 1, "viewer-c", earlier));
        // One session on version 1, with one viewer turn.
        var sessionId = Guid.NewGuid().ToString("n");
        await app.Services.GetRequiredService<ISessionRepository>().InsertAsync(new SessionDocument
        {
            Id = sessionId, PostId = id, PostVersion = 1, OwnerId = "viewer-c", Participants = ["viewer-c"], CreatedAt = earlier, UpdatedAt = earlier,
        });
        await app.Services.GetRequiredService<ITurnRepository>().AppendAsync(new TurnDocument
        {
            SessionId = sessionId, Seq = 1, Role = TurnRole.Viewer, Text = "x", IdempotencyKey = $"{sessionId}:1", CreatedAt = earlier,
        });

        var report = await OkAsync(await creator.GetAsync($"/api/posts/{id}/analytics"));

        var all = report.GetProperty("all");
        Assert.Equal(3, all.GetProperty("views").GetInt64());
        Assert.Equal(2, all.GetProperty("opens").GetInt64());
        Assert.Equal(1, all.GetProperty("sessionsStarted").GetInt32());
        var version = Assert.Single(report.GetProperty("versions").EnumerateArray());
        Assert.Equal(1, version.GetProperty("version").GetInt32());
        Assert.Equal(3, version.GetProperty("figures").GetProperty("views").GetInt64());
        Assert.Equal(2, version.GetProperty("figures").GetProperty("opens").GetInt64());

        // The studio page draws the funnel from views down to turns.
        var page = await (await creator.GetAsync($"/studio/posts/{id}/analytics")).Content.ReadAsStringAsync();
        Assert.Contains("data-figure=\"views\">3<", page);
        Assert.Contains("data-figure=\"opens\">2<", page);
    }

    public static TheoryData<string> HostileBodies => new()
    {
        """{ "postIds": ["../../etc/passwd"] }""",
        """{ "postIds": ["<script>alert(1)</script>"] }""",
        """{ "postIds": ["ok-id", "bad id with spaces"] }""",
        """{ "postIds": ["{ \"$gt\": \"\" }"] }""",
        """{ "postIds": [null] }""",
        """{ "postIds": [] }""",
        """{ "postIds": null }""",
        """{ }""",
        """{ "postIds": "not-a-list" }""",
        """{ "postIds": [""",
        """[1, 2, 3]""",
    };

    [Theory]
    [MemberData(nameof(HostileBodies))]
    public async Task Viewed_malformedOrHostileBody_is400_andCountsNothing(string body)
    {
        var (_, id) = await PublishedAsync("Hostile views");
        var (viewer, _, _, _) = await app.SignUpAsync("viewer");
        var json = body.Replace("ok-id", id, StringComparison.Ordinal);

        var response = await viewer.PostAsync("/api/me/viewed", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, Count(id, PostViewKind.View));
    }

    [Fact]
    public async Task Viewed_tooManyIds_unknownPosts_andStrangers_countNothing()
    {
        var (_, id) = await PublishedAsync("Guarded views");
        var (viewer, _, _, _) = await app.SignUpAsync("viewer");
        var (creator, _, _, _) = await app.SignUpAsync("creator");
        var draft = Id(await CreateAsync(creator, Game("Still a draft")));

        var tooMany = await viewer.PostAsJsonAsync("/api/me/viewed", new { postIds = Enumerable.Repeat(id, 51).ToArray() });
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        // Ids that name no post, or a post the viewer cannot reach (a draft), are skipped, not counted.
        Assert.Equal(0, await ViewAsync(viewer, "no-such-post", draft, new string('x', 100)));
        Assert.Equal(HttpStatusCode.BadRequest, (await viewer.PostAsJsonAsync("/api/me/viewed", new { postIds = new[] { new string('x', 101) } })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PostAsJsonAsync("/api/me/viewed", new { postIds = new[] { id } })).StatusCode);

        Assert.Equal(0, Count(id, PostViewKind.View));
        Assert.Equal(0, Count(draft, PostViewKind.View));
    }
}
