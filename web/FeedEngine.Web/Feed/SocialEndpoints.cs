using FeedEngine.Storage.Users;
using FeedEngine.Web.Client.Feed;
using FeedEngine.Web.Client.Social;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FeedEngine.Web.Feed;

/// <summary>Follows, likes, hidden posts, shared posts, creator profiles and "My conversations".</summary>
public static class SocialEndpoints
{
    const int MaxIdLength = 100;

    public static IEndpointRouteBuilder MapSocialEndpoints(this IEndpointRouteBuilder app)
    {
        var me = app.MapGroup("/api/me").WithTags("Feed").RequireAuthorization(Policies.Viewer);
        me.MapPut("/likes/{postId}", (string postId, HttpContext c, SocialService s, CancellationToken ct) => LikeAsync(postId, true, c, s, ct))
            .WithSummary("Like a post (idempotent).");
        me.MapDelete("/likes/{postId}", (string postId, HttpContext c, SocialService s, CancellationToken ct) => LikeAsync(postId, false, c, s, ct))
            .WithSummary("Take a like back (idempotent).");
        me.MapPut("/follows/{creatorId}", (string creatorId, HttpContext c, SocialService s, CancellationToken ct) => FollowAsync(creatorId, true, c, s, ct))
            .WithSummary("Follow a creator: their posts come into the feed (idempotent).");
        me.MapDelete("/follows/{creatorId}", (string creatorId, HttpContext c, SocialService s, CancellationToken ct) => FollowAsync(creatorId, false, c, s, ct))
            .WithSummary("Stop following a creator (idempotent).");
        me.MapPut("/hidden/{postId}", (string postId, HttpContext c, SocialService s, CancellationToken ct) => HideAsync(postId, true, c, s, ct))
            .WithSummary("Not interested: the post leaves the viewer's feed and similar posts rank lower.");
        me.MapDelete("/hidden/{postId}", (string postId, HttpContext c, SocialService s, CancellationToken ct) => HideAsync(postId, false, c, s, ct))
            .WithSummary("Show a hidden post again.");
        me.MapPost("/opened/{postId}", OpenedAsync)
            .WithSummary("Tell the ranking the viewer opened a post; their interests move towards it. Counted as an open in the creator's analytics (once per viewer per day).");
        me.MapPost("/viewed", ViewedAsync)
            .WithSummary("Feed cards shown to the viewer: { postIds: [...] }, 1 to 50 ids. Each post counts as one view per viewer per UTC day in the creator's analytics; unknown or unreachable posts are skipped.");
        me.MapGet("/sessions", ConversationsAsync)
            .WithSummary("My conversations: the viewer's recent sessions, newest first, to continue any of them.");

        app.MapGet("/api/creators/{creatorId}", CreatorAsync).WithTags("Feed").AllowAnonymous()
            .WithSummary("A creator's profile: their published posts and follower count.");
        app.MapGet("/api/feed/posts/{postId}", PostAsync).WithTags("Feed").AllowAnonymous()
            .WithSummary("One post's card, for its share link (public or unlisted posts, within the reader's age rating).");
        return app;
    }

    static async Task<Results<Ok<LikeResult>, ProblemHttpResult>> LikeAsync(
        string postId, bool like, HttpContext context, SocialService social, CancellationToken cancellationToken)
    {
        if (!IsId(postId)) return BadId("postId");
        return await social.LikeAsync(context.User, postId, like, cancellationToken) is { } result
            ? TypedResults.Ok(result)
            : NoPost();
    }

    static async Task<Results<Ok<FollowResult>, ProblemHttpResult>> FollowAsync(
        string creatorId, bool follow, HttpContext context, SocialService social, CancellationToken cancellationToken)
    {
        if (!IsId(creatorId)) return BadId("creatorId");
        try
        {
            return await social.FollowAsync(context.User, creatorId, follow, cancellationToken) is { } result
                ? TypedResults.Ok(result)
                : TypedResults.Problem("No creator has this id.", statusCode: StatusCodes.Status404NotFound, title: "Not found");
        }
        catch (ArgumentException e)
        {
            return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status400BadRequest, title: "Cannot follow");
        }
    }

    static async Task<Results<NoContent, ProblemHttpResult>> HideAsync(
        string postId, bool hide, HttpContext context, SocialService social, CancellationToken cancellationToken)
    {
        if (!IsId(postId)) return BadId("postId");
        return await social.HideAsync(context.User, postId, hide, cancellationToken) ? TypedResults.NoContent() : NoPost();
    }

    static async Task<Results<NoContent, ProblemHttpResult>> OpenedAsync(
        string postId, HttpContext context, SocialService social, PostViewService views, CancellationToken cancellationToken)
    {
        if (!IsId(postId)) return BadId("postId");
        if (await social.OpenedAsync(context.User, postId, cancellationToken) is not { } post) return NoPost();
        await views.OpenedAsync(context.User, post, cancellationToken);
        return TypedResults.NoContent();
    }

    static async Task<Results<Ok<PostViewsResult>, ProblemHttpResult>> ViewedAsync(
        PostViewsRequest request, HttpContext context, PostViewService views, CancellationToken cancellationToken)
    {
        if (request.PostIds is not { Count: > 0 and <= PostViewService.MaxPerRequest } ids)
            return TypedResults.Problem($"postIds must list 1 to {PostViewService.MaxPerRequest} post ids.", statusCode: StatusCodes.Status400BadRequest, title: "Invalid views");
        // One bad id refuses the whole call: nothing is counted.
        if (ids.Any(id => id is null || !IsId(id))) return BadId("Every postId");
        return TypedResults.Ok(new PostViewsResult(await views.ViewedAsync(context.User, ids, cancellationToken)));
    }

    static async Task<Ok<ConversationList>> ConversationsAsync(HttpContext context, SocialService social, CancellationToken cancellationToken) =>
        TypedResults.Ok(await social.ConversationsAsync(context.User, cancellationToken));

    static async Task<Results<Ok<CreatorProfile>, ProblemHttpResult>> CreatorAsync(
        string creatorId, HttpContext context, SocialService social, CancellationToken cancellationToken)
    {
        if (!IsId(creatorId)) return BadId("creatorId");
        return await social.GetCreatorAsync(context.User, creatorId, cancellationToken) is { } profile
            ? TypedResults.Ok(profile)
            : TypedResults.Problem("No creator has this id.", statusCode: StatusCodes.Status404NotFound, title: "Not found");
    }

    static async Task<Results<Ok<FeedItem>, ProblemHttpResult>> PostAsync(
        string postId, HttpContext context, SocialService social, CancellationToken cancellationToken)
    {
        if (!IsId(postId)) return BadId("postId");
        return await social.GetPostAsync(context.User, postId, cancellationToken) is { } item ? TypedResults.Ok(item) : NoPost();
    }

    static bool IsId(string id) => id.Length is > 0 and <= MaxIdLength && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    static ProblemHttpResult BadId(string name) => TypedResults.Problem(
        $"{name} must be 1 to {MaxIdLength} letters, digits, '-' or '_'.", statusCode: StatusCodes.Status400BadRequest, title: "Invalid id");

    static ProblemHttpResult NoPost() =>
        TypedResults.Problem("This post does not exist, is not published, or is not available to you.", statusCode: StatusCodes.Status404NotFound, title: "Not found");
}
