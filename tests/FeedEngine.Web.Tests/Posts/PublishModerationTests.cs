using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FeedEngine.Safety.Moderation;
using FeedEngine.Storage.Posts;
using Microsoft.Extensions.DependencyInjection;
using static FeedEngine.Web.Tests.Posts.PostsApi;
using static FeedEngine.Web.Tests.Safety.SafetyApi;

namespace FeedEngine.Web.Tests.Posts;

/// <summary>
/// Moderation at publish, through the API on the real app (policy stage: the platform's mature terms in a post rated for
/// everyone): the publish is refused naming the field and the category, nothing is published, the draft is untouched,
/// and the case is in the admin queue once per draft version.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class PublishModerationTests(FeedEngineApp app)
{
    public static TheoryData<string, string> FlaggedFields() => new()
    {
        { "persona", "persona" },
        { "greetings", "greetings" },
        { "lore", "lore" },
        { "rules", "rules" },
        { "hook", "hook" },
    };

    [Theory, MemberData(nameof(FlaggedFields))]
    public async Task Publish_draftWithMatureTermsRatedEveryone_isRefusedNamingTheFieldAndCategory(string field, string errorKey)
    {
        var (creator, account, _, _) = await app.SignUpAsync("creator");
        var body = JsonSerializer.SerializeToNode(Game("A harbor tale " + field), CampaignJson)!.AsObject();
        // Hidden in the part under test, in mixed case and padded, the way a hostile draft would try.
        const string flagged = "the smugglers   sell  CO\u200BCA\u00ADINE  at dawn";
        body[field] = field switch
        {
            "greetings" => new System.Text.Json.Nodes.JsonArray("Rain needles the harbor.", flagged),
            "rules" => new System.Text.Json.Nodes.JsonArray("Clues only when found.", flagged),
            "lore" => new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject { ["name"] = "The docks", ["keys"] = new System.Text.Json.Nodes.JsonArray("docks"), ["content"] = flagged }),
            _ => flagged,
        };
        var draft = await CreateAsync(creator, body);
        var id = Id(draft);

        var response = await PublishAsync(creator, id);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await JsonAsync(response);
        Assert.Equal("Refused by moderation", problem.GetProperty("title").GetString());
        var message = Assert.Single(problem.GetProperty("errors").GetProperty(errorKey).EnumerateArray()).GetString()!;
        Assert.Contains(PolicyCategories.MatureContent, message);
        Assert.Contains("mature content", message);
        // The summary names it too (the studio shows the summary).
        Assert.Contains(PolicyCategories.MatureContent, problem.GetProperty("detail").GetString());

        // Nothing published, the draft as it was, and not in anyone's feed.
        var after = await OkAsync(await creator.GetAsync($"/api/posts/{id}"));
        Assert.Equal("draft", after.GetProperty("status").GetString());
        Assert.Equal(0, after.GetProperty("publishedVersion").GetInt32());
        Assert.Equal(Version(draft), Version(after));
        Assert.Equal(draft.GetProperty(field).GetRawText(), after.GetProperty(field).GetRawText());
        Assert.Empty(await app.Services.GetRequiredService<IPostRepository>().ListVersionsAsync(id));
        Assert.DoesNotContain(id, await FeedIdsAsync(app.CreateClient()));

        // The case waits for an admin, once however often the same draft is sent.
        Assert.Equal(HttpStatusCode.BadRequest, (await PublishAsync(creator, id, key: "again")).StatusCode);
        var queue = await (await AdminAsync(app)).GetFromJsonAsync<AdminReportList>("/api/admin/reports", CampaignJson);
        var cases = queue!.Items.Where(r => r.Report.PostId == id).ToList();
        var only = Assert.Single(cases);
        Assert.Equal([PolicyCategories.MatureContent], only.Report.Categories);
        Assert.Equal(account.UserId, only.CreatorId);
    }

    [Fact]
    public async Task Publish_sameTermsRatedMature_isPublished()
    {
        var (creator, _, _, _) = await app.SignUpAsync("creator");
        var body = JsonSerializer.SerializeToNode(Game("A grown-up harbor tale"), CampaignJson)!.AsObject();
        body["persona"] = "A smuggler who sells cocaine in the harbor.";
        body["ageRating"] = "mature";

        var published = await OkAsync(await PublishAsync(creator, Id(await CreateAsync(creator, body))));

        Assert.Equal("published", published.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Publish_postTakenDownByAnAdmin_isRefused()
    {
        var (creator, _, _, _) = await app.SignUpAsync("creator");
        var id = Id(await CreateAsync(creator, Game("Taken down")));
        var posts = app.Services.GetRequiredService<IPostRepository>();
        var post = (await posts.FindAsync(id))!;
        post.Takedown = new PostTakedown { At = DateTime.UtcNow, Reason = "Hateful content", By = "admin" };
        Assert.Equal(Storage.WriteOutcome.Ok, await posts.UpdateAsync(post));

        var response = await PublishAsync(creator, id);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("took this post down", (await JsonAsync(response)).GetProperty("detail").GetString());
        Assert.Equal(0, (await posts.FindAsync(id))!.PublishedVersion);
    }

    static readonly JsonSerializerOptions CampaignJson = new(JsonSerializerDefaults.Web);
}
