using System.Net;
using FeedEngine.Storage.Sessions;
using Microsoft.Extensions.DependencyInjection;
using static FeedEngine.Web.Tests.Posts.PostsApi;

namespace FeedEngine.Web.Tests.Posts;

/// <summary>GET /api/posts/{postId}/analytics over sessions stored in the real embedded store; who may read it.</summary>
[Collection(AppCollection.Name)]
public sealed class AnalyticsApiTests(FeedEngineApp app)
{
    static readonly DateTime Day1 = new(2026, 2, 1, 9, 0, 0, DateTimeKind.Utc);

    async Task StoreAsync(string postId, int version, string owner, DateTime at, string roles, bool preview = false)
    {
        var sessionId = Guid.NewGuid().ToString("n");
        await app.Services.GetRequiredService<ISessionRepository>().InsertAsync(new SessionDocument
        {
            Id = sessionId, PostId = postId, PostVersion = version, OwnerId = owner, Participants = [owner], Preview = preview, CreatedAt = at, UpdatedAt = at,
        });
        var turns = app.Services.GetRequiredService<ITurnRepository>();
        for (var i = 0; i < roles.Length; i++)
        {
            var role = roles[i] switch { 'V' => TurnRole.Viewer, 'P' => TurnRole.Post, _ => TurnRole.Sponsor };
            await turns.AppendAsync(new TurnDocument
            {
                SessionId = sessionId, Seq = i + 1, Role = role, Sponsored = role == TurnRole.Sponsor, Text = "x",
                IdempotencyKey = $"{sessionId}:{i}", CreatedAt = at.AddMinutes(i),
            });
        }
    }

    [Fact]
    public async Task Analytics_storedSessions_matchHandCountedNumbers_andLeavePreviewsOut()
    {
        var (creator, _, _, _) = await app.SignUpAsync("creator");
        var id = Id(await CreateAsync(creator, Game("Counted lighthouse")));
        // v1: a viewer with 2 turns and a regenerated reply; another who left before writing.
        // v2: the first viewer again two days later: 2 turns, with a sponsored turn between that they answered.
        await StoreAsync(id, 1, "viewer-a", Day1, "VPVPP");
        await StoreAsync(id, 1, "viewer-b", Day1, "");
        await StoreAsync(id, 2, "viewer-a", Day1.AddDays(2), "VPSV");
        await StoreAsync(id, 0, "preview:someone", Day1, "VPVPVPVP", preview: true);

        var report = await OkAsync(await creator.GetAsync($"/api/posts/{id}/analytics"));

        var all = report.GetProperty("all");
        Assert.Equal(3, report.GetProperty("sessionsCounted").GetInt32());
        Assert.Equal(3, all.GetProperty("sessionsStarted").GetInt32());
        Assert.Equal(2, all.GetProperty("viewers").GetInt32());
        Assert.Equal(1, all.GetProperty("returnViewers").GetInt32());
        Assert.Equal(4, all.GetProperty("viewerTurns").GetInt32());
        Assert.Equal(1.3333, all.GetProperty("turnsPerSession").GetDouble());
        Assert.Equal([2, 2, 0, 0, 0, 0], all.GetProperty("funnel").EnumerateArray().Select(s => s.GetProperty("sessions").GetInt32()));
        Assert.Equal([1, 0, 2], all.GetProperty("leftAfter").EnumerateArray().Take(3).Select(s => s.GetProperty("sessions").GetInt32()));
        Assert.Equal(0.25, all.GetProperty("regenerateRate").GetDouble());
        Assert.Equal(0.3333, all.GetProperty("sponsoredSessionShare").GetDouble());
        Assert.Equal(1.0, all.GetProperty("sponsoredEngagementRate").GetDouble());
        Assert.Equal([1, 2], report.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("version").GetInt32()));
    }

    [Fact]
    public async Task Analytics_onlyTheCreatorReadsThem()
    {
        var (creator, _, _, _) = await app.SignUpAsync("creator");
        var id = Id(await CreateAsync(creator, Game("Private numbers")));
        var (otherCreator, _, _, _) = await app.SignUpAsync("creator");
        var (viewer, _, _, _) = await app.SignUpAsync("viewer");

        Assert.Equal(HttpStatusCode.NotFound, (await otherCreator.GetAsync($"/api/posts/{id}/analytics")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync($"/api/posts/{id}/analytics")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync($"/api/posts/{id}/analytics")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await creator.GetAsync($"/api/posts/{new string('x', 5000)}/analytics")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await creator.GetAsync("/api/posts/no-such-post/analytics")).StatusCode);
    }
}
