using System.Security.Claims;
using FeedEngine.Creators.Posts;
using FeedEngine.Storage.Posts;
using FeedEngine.Storage.Sessions;
using FeedEngine.Storage.Users;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace FeedEngine.Creators.Analytics;

public static class AnalyticsEndpoints
{
    public static IEndpointRouteBuilder MapAnalyticsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/posts/{postId}/analytics", GetAsync).WithTags("Posts").RequireAuthorization(Policies.Creator)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Your post's analytics, all versions together and per version: feed views and opens (once per viewer per day), sessions, viewers, return viewers, turns per session, the funnel of sessions reaching N turns, where viewers leave, regenerate rate, sponsored turns and their engagement. Previews are not counted.");
        return app;
    }

    static async Task<Results<Ok<PostAnalyticsReport>, NotFound>> GetAsync(string postId, ClaimsPrincipal user, AnalyticsService analytics, CancellationToken cancellationToken) =>
        await analytics.ForCreatorAsync(Author.IdOf(user)!, postId, cancellationToken) is { } report ? TypedResults.Ok(report) : TypedResults.NotFound();
}

/// <summary>Reads a creator's post's sessions and turns and computes <see cref="PostAnalytics"/>.</summary>
public sealed class AnalyticsService(PostService posts, IPostActivityReader activity, IPostViewRepository views, TimeProvider time)
{
    /// <summary>The newest published versions whose views are counted one by one (older ones count in "all versions").</summary>
    public const int MaxVersionsCounted = 20;

    /// <summary>The newest sessions read for one report; a report over more says it is truncated.</summary>
    public const int MaxSessions = 5_000;

    /// <summary>The report, or null when the post is not one of the creator's (another creator's post looks missing).</summary>
    public async Task<PostAnalyticsReport?> ForCreatorAsync(string creatorId, string postId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(postId) || postId.Length > 100) return null;
        if (await posts.FindOwnAsync(creatorId, postId, cancellationToken) is null) return null;
        var sessions = await activity.ListSessionsByPostAsync(postId, MaxSessions + 1, cancellationToken);
        var counted = sessions.Take(MaxSessions).Where(s => !s.Preview).ToList();
        var turns = await activity.ListTurnsAsync([.. counted.Select(s => s.Id)], cancellationToken);
        var reach = await ReachAsync(creatorId, postId, counted, cancellationToken);
        return PostAnalytics.Compute(postId, counted, turns, time.GetUtcNow().UtcDateTime, truncated: sessions.Count > MaxSessions, reach);
    }

    async Task<PostReach> ReachAsync(string creatorId, string postId, List<SessionDocument> sessions, CancellationToken cancellationToken)
    {
        var published = (await posts.ListVersionsAsync(creatorId, postId, cancellationToken)).Value?.Select(v => v.Number) ?? [];
        var versions = published.Concat(sessions.Select(s => s.PostVersion)).Where(v => v > 0).Distinct().OrderDescending().Take(MaxVersionsCounted);
        var byVersion = new Dictionary<int, ViewCounts>();
        foreach (var version in versions)
        {
            var counts = new ViewCounts(
                await views.CountAsync(postId, PostViewKind.View, version, cancellationToken),
                await views.CountAsync(postId, PostViewKind.Open, version, cancellationToken));
            // A version nobody saw and nobody talked to adds nothing to the report.
            if (counts != ViewCounts.Zero || sessions.Any(s => s.PostVersion == version)) byVersion[version] = counts;
        }
        var all = new ViewCounts(
            await views.CountAsync(postId, PostViewKind.View, cancellationToken: cancellationToken),
            await views.CountAsync(postId, PostViewKind.Open, cancellationToken: cancellationToken));
        return new PostReach(all, byVersion);
    }
}
