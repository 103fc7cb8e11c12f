using System.Net.Http.Json;
using System.Security.Claims;
using FeedEngine.Storage.Posts;
using FeedEngine.Web.Client.Feed;
using FeedEngine.Web.Feed;
using FeedEngine.Web.Feed.Ranking;
using Microsoft.Extensions.DependencyInjection;

namespace FeedEngine.Web.Tests.Feed;

/// <summary>The app without demo posts, so each test's posts and their stored engagement are all the feed ranks on.</summary>
public sealed class EngagementApp : FeedEngineApp
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings() => [.. base.Settings(), new("Demo:Seed", "false")];
}

/// <summary>
/// Engagement quality in the live feed: two posts alike in freshness and interest (published the same instant, same kind,
/// no viewer interests), one that viewers talk to at length and come back to, one they scroll past. Through the real
/// <see cref="FeedService"/>, the embedded store and the background cache; then through <c>GET /api/feed</c>.
/// </summary>
public sealed class EngagementRankingTests(EngagementApp app) : IClassFixture<EngagementApp>
{
    /// <summary>An engaging and a plain post, published together three days ago (past the new-post exploration), plus ordinary ones.</summary>
    async Task<(string Engaging, string Plain)> PostsAsync()
    {
        var posts = app.Services.GetRequiredService<IPostRepository>();
        var now = DateTime.UtcNow;
        var publishedAt = now.AddDays(-3);
        async Task<string> PublishAsync(string title)
        {
            var post = new PostDocument
            {
                Id = "eng-" + Guid.NewGuid().ToString("n"),
                CreatorId = "creator-" + Guid.NewGuid().ToString("n"),
                CreatorName = "A creator",
                Draft = new PostContent { Title = title, Hook = "Come in.", Kind = PostKind.Character, AgeRating = AgeRating.Everyone },
                CreatedAt = publishedAt,
                UpdatedAt = publishedAt,
            };
            await posts.InsertAsync(post);
            await posts.PublishAsync(post, "test:" + post.Id, publishedAt);
            return post.Id;
        }

        var (engaging, plain) = (await PublishAsync("The engaging one"), await PublishAsync("The plain one"));
        await EngagementData.AddAsync(app.Services, engaging, now, views: 40, opens: 30, sessions: 30, turnsEach: 8, returning: 20);
        await EngagementData.AddAsync(app.Services, plain, now, views: 40, opens: 2, sessions: 2, turnsEach: 1, returning: 0);
        for (var i = 0; i < 4; i++)
            await EngagementData.AddAsync(app.Services, await PublishAsync($"An ordinary one {i}"), now, views: 40, opens: 8, sessions: 8, turnsEach: 3, returning: 2);
        return (engaging, plain);
    }

    async Task<FeedPage> PageAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<FeedService>().GetPageAsync(new ClaimsPrincipal(), null, 50, CancellationToken.None);
    }

    static int IndexOf(FeedPage page, string postId) => page.Items.Select(i => i.PostId).ToList().IndexOf(postId);

    [Fact]
    public async Task GetPage_twoPostsAlikeButForEngagement_ranksTheEngagingOneHigher_onceTheCacheHasFilled()
    {
        var (engaging, plain) = await PostsAsync();
        var cache = app.Services.GetRequiredService<PostEngagementCache>();

        // A cold cache answers at once (every post neutral) and fills in the background.
        var first = await PageAsync();
        Assert.Contains(first.Items, i => i.PostId == engaging);
        await cache.WhenIdleAsync();

        var page = await PageAsync();
        var (e, p) = (IndexOf(page, engaging), IndexOf(page, plain));
        Assert.True(e >= 0 && p >= 0);
        Assert.True(e < p, $"engaging at {e}, plain at {p}");
        Assert.Equal("People who talk to it keep coming back.", page.Items[e].Why);
        var quality = cache.Get([engaging, plain]);
        Assert.True(quality[engaging] > EngagementQuality.Neutral && quality[plain] < EngagementQuality.Neutral);
    }

    [Fact]
    public async Task ApiFeed_ranksTheEngagingPostAboveThePlainOne()
    {
        var (engaging, plain) = await PostsAsync();
        var client = app.CreateClient();
        (await client.GetAsync("/api/feed?pageSize=50")).EnsureSuccessStatusCode();
        await app.Services.GetRequiredService<PostEngagementCache>().WhenIdleAsync();

        var page = await client.GetFromJsonAsync<FeedPage>("/api/feed?pageSize=50");

        var ids = page!.Items.Select(i => i.PostId).ToList();
        Assert.True(ids.IndexOf(engaging) >= 0 && ids.IndexOf(engaging) < ids.IndexOf(plain), string.Join(", ", ids));
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }
}
