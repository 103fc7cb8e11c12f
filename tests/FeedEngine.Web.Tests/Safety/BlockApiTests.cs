using System.Net;
using System.Net.Http.Json;
using static FeedEngine.Web.Tests.Safety.SafetyApi;

namespace FeedEngine.Web.Tests.Safety;

[Collection(AppCollection.Name)]
public sealed class BlockApiTests(FeedEngineApp app)
{
    [Fact]
    public async Task BlockCreator_theirPostsLeaveMyFeedOnly_untilUnblocked()
    {
        var (_, creatorId, postId, _, _) = await CreatorWithPostAsync(app, "Blocked creator's post");
        var (me, _, _, _) = await app.SignUpAsync();
        var (other, _, _, _) = await app.SignUpAsync();

        var blocked = await me.PostAsJsonAsync("/api/me/blocks", new { creatorId });

        Assert.Equal(HttpStatusCode.NoContent, blocked.StatusCode);
        Assert.Equal([creatorId], (await me.GetFromJsonAsync<BlockList>("/api/me/blocks"))!.CreatorIds);
        Assert.False(await FeedShowsAsync(me, postId));
        Assert.True(await FeedShowsAsync(other, postId));

        Assert.Equal(HttpStatusCode.NoContent, (await me.DeleteAsync($"/api/me/blocks/{creatorId}")).StatusCode);
        Assert.True(await FeedShowsAsync(me, postId));
    }

    [Fact]
    public async Task Block_worksForGuests_andRefusesUnknownCreatorsAndMyself()
    {
        var guest = app.CreateClient(JsonAccessToken(await (await app.CreateClient().PostAsync("/api/auth/guest", null)).Content.ReadAsStringAsync()));
        var (_, creatorId, _, _, _) = await CreatorWithPostAsync(app);
        var (me, account, _, _) = await app.SignUpAsync();

        Assert.Equal(HttpStatusCode.NoContent, (await guest.PostAsJsonAsync("/api/me/blocks", new { creatorId })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await me.PostAsJsonAsync("/api/me/blocks", new { creatorId = "nobody" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await me.PostAsJsonAsync("/api/me/blocks", new { creatorId = account.UserId })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await me.PostAsJsonAsync("/api/me/blocks", new { })).StatusCode);
    }

    static string JsonAccessToken(string json) => System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("accessToken").GetString()!;

    sealed record BlockList(IReadOnlyList<string> CreatorIds);
}
