using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using FeedEngine.Storage.Viewers;
using FeedEngine.Web.Client.Feed;
using FeedEngine.Web.Client.Social;
using FeedEngine.Web.Tests.Posts;
using Microsoft.Extensions.DependencyInjection;

namespace FeedEngine.Web.Tests.Feed;

[Collection(AppCollection.Name)]
public sealed class SocialApiTests(FeedEngineApp app)
{
    async Task<(HttpClient Creator, string CreatorId, string PostId)> PublishedPostAsync(string visibility = "public", string title = "Harbor Lights")
    {
        var (creator, account, _, _) = await app.SignUpAsync("creator");
        var body = JsonSerializer.SerializeToNode(PostsApi.Game(title))!.AsObject();
        body["visibility"] = visibility;
        var post = await PostsApi.CreateAsync(creator, body);
        var postId = PostsApi.Id(post);
        await PostsApi.OkAsync(await PostsApi.PublishAsync(creator, postId));
        return (creator, account.UserId, postId);
    }

    [Fact]
    public async Task Follow_thenProfile_countsTheFollower_andUnfollowTakesItBack()
    {
        var (_, creatorId, postId) = await PublishedPostAsync();
        var (viewer, _, _, _) = await app.SignUpAsync();

        var followed = await (await viewer.PutAsync($"/api/me/follows/{creatorId}", null)).Content.ReadFromJsonAsync<FollowResult>();
        var again = await (await viewer.PutAsync($"/api/me/follows/{creatorId}", null)).Content.ReadFromJsonAsync<FollowResult>();
        var profile = await viewer.GetFromJsonAsync<CreatorProfile>($"/api/creators/{creatorId}");
        var anonymousView = await app.CreateClient().GetFromJsonAsync<CreatorProfile>($"/api/creators/{creatorId}");

        Assert.True(followed!.Following);
        Assert.Equal(1, followed.FollowerCount);
        Assert.Equal(1, again!.FollowerCount);
        Assert.True(profile!.Following);
        Assert.Equal(1, profile.FollowerCount);
        Assert.Equal([postId], profile.Posts.Select(p => p.PostId));
        Assert.False(anonymousView!.Following);
        var feed = await viewer.GetFromJsonAsync<FeedPage>("/api/feed?pageSize=50");
        Assert.Contains(feed!.Items, i => i.PostId == postId && i.FollowingCreator && i.Why!.Contains("You follow"));

        var unfollowed = await (await viewer.DeleteAsync($"/api/me/follows/{creatorId}")).Content.ReadFromJsonAsync<FollowResult>();
        Assert.False(unfollowed!.Following);
        Assert.Equal(0, unfollowed.FollowerCount);
    }

    [Theory]
    [InlineData("PUT", "/api/me/follows/no-such-creator", HttpStatusCode.NotFound)]
    [InlineData("PUT", "/api/me/likes/no-such-post", HttpStatusCode.NotFound)]
    [InlineData("PUT", "/api/me/hidden/no-such-post", HttpStatusCode.NotFound)]
    [InlineData("POST", "/api/me/opened/no-such-post", HttpStatusCode.NotFound)]
    [InlineData("GET", "/api/creators/no-such-creator", HttpStatusCode.NotFound)]
    [InlineData("GET", "/api/feed/posts/no-such-post", HttpStatusCode.NotFound)]
    [InlineData("PUT", "/api/me/likes/%3Cscript%3E", HttpStatusCode.BadRequest)]
    [InlineData("GET", "/api/creators/..%2F..%2Fetc", HttpStatusCode.BadRequest)]
    public async Task UnknownOrMalformedIds_clearErrors_nothingStored(string method, string url, HttpStatusCode expected)
    {
        var (viewer, account, _, _) = await app.SignUpAsync();

        var response = await viewer.SendAsync(new HttpRequestMessage(new HttpMethod(method), url));

        Assert.Equal(expected, response.StatusCode);
        Assert.False(string.IsNullOrEmpty((await Problem.ReadAsync(response)).Detail));
        var profiles = app.Services.GetRequiredService<IViewerProfileRepository>();
        Assert.Null(await profiles.FindAsync(account.UserId));
    }

    [Fact]
    public async Task HugeId_400()
    {
        var (viewer, _, _, _) = await app.SignUpAsync();

        var response = await viewer.PutAsync($"/api/me/likes/{new string('a', 5_000)}", null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task FollowingOneself_400()
    {
        var (creator, creatorId, _) = await PublishedPostAsync();

        var response = await creator.PutAsync($"/api/me/follows/{creatorId}", null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("yourself", (await Problem.ReadAsync(response)).Detail);
    }

    [Fact]
    public async Task Like_marksTheCard_movesInterests_hideRemovesItFromMyFeedOnly()
    {
        var (_, _, postId) = await PublishedPostAsync(title: "Tide Pools");
        var (viewer, account, _, _) = await app.SignUpAsync();
        var (other, _, _, _) = await app.SignUpAsync();

        var liked = await (await viewer.PutAsync($"/api/me/likes/{postId}", null)).Content.ReadFromJsonAsync<LikeResult>();
        Assert.True(liked!.Liked);
        var feed = await viewer.GetFromJsonAsync<FeedPage>("/api/feed?pageSize=50");
        Assert.Contains(feed!.Items, i => i.PostId == postId && i.Liked);
        var profile = await app.Services.GetRequiredService<IViewerProfileRepository>().FindAsync(account.UserId);
        Assert.Equal(384, profile!.InterestVector!.Length);
        Assert.Equal([postId], profile.LikedPostIds);

        Assert.Equal(HttpStatusCode.NoContent, (await viewer.PutAsync($"/api/me/hidden/{postId}", null)).StatusCode);

        Assert.DoesNotContain((await viewer.GetFromJsonAsync<FeedPage>("/api/feed?pageSize=50"))!.Items, i => i.PostId == postId);
        Assert.Contains((await other.GetFromJsonAsync<FeedPage>("/api/feed?pageSize=50"))!.Items, i => i.PostId == postId && !i.Liked);
    }

    [Fact]
    public async Task SharedLink_opensUnlistedPosts_butNotDraftsOrPrivateOnes()
    {
        var (_, _, unlisted) = await PublishedPostAsync("unlisted");
        var (_, _, privatePost) = await PublishedPostAsync("private");
        var (creator, _, _, _) = await app.SignUpAsync("creator");
        var draft = PostsApi.Id(await PostsApi.CreateAsync(creator));
        var anonymous = app.CreateClient();

        var shared = await anonymous.GetFromJsonAsync<FeedItem>($"/api/feed/posts/{unlisted}");

        Assert.Equal(unlisted, shared!.PostId);
        Assert.DoesNotContain((await anonymous.GetFromJsonAsync<FeedPage>("/api/feed?pageSize=50"))!.Items, i => i.PostId == unlisted);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/feed/posts/{privatePost}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/feed/posts/{draft}")).StatusCode);
        Assert.DoesNotContain("SECRET", await (await anonymous.GetAsync($"/api/feed/posts/{unlisted}")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task MyConversations_newViewer_empty_andAnonymous401()
    {
        var (viewer, _, _, _) = await app.SignUpAsync();

        var mine = await viewer.GetFromJsonAsync<ConversationList>("/api/me/sessions");

        Assert.Empty(mine!.Items);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/api/me/sessions")).StatusCode);
    }
}
