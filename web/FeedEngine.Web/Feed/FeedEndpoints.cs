using FeedEngine.Engine.Abstractions.Sessions;
using FeedEngine.Web.Client;
using FeedEngine.Web.Client.Feed;
using FeedEngine.Web.Client.Privacy;
using FeedEngine.Web.Client.Social;
using FeedEngine.Web.Client.Talk;
using FeedEngine.Web.Feed.Ranking;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FeedEngine.Web.Feed;

public static class FeedEndpoints
{
    public static IHostApplicationBuilder AddFeed(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<FeedService>();
        builder.Services.AddSingleton<SponsoredFeedMerger>();
        builder.Services.AddScoped<IFeedSource, ServerFeedSource>();
        builder.Services.AddSingleton<PostVectors>();
        builder.Services.AddSingleton<PostEngagementCache>();
        builder.Services.AddScoped<ViewerSignals>();
        builder.Services.AddSingleton<IConversationSignals, ConversationSignals>();
        builder.Services.AddScoped<SocialService>();
        builder.Services.AddScoped<PostViewService>();
        builder.Services.AddScoped<Memory.ViewerDataService>();
        // The feed's browser services, so its pages can be prerendered here; prerendering never calls them
        // (they act in event handlers and after the first render in the browser).
        builder.Services.AddScoped(_ => new FeedHttp(new HttpClient()));
        builder.Services.AddFeedPageServices();
        return builder;
    }

    public static IEndpointRouteBuilder MapFeedEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/feed", GetAsync).WithTags("Feed").AllowAnonymous()
            .WithSummary("A page of the viewer's ranked feed. Anyone may read it; signed-in viewers get it personalised and see posts for their age.");
        app.MapSocialEndpoints();
        return app;
    }

    static async Task<Results<Ok<FeedPage>, ProblemHttpResult>> GetAsync(
        HttpContext context, FeedService feed, TimeProvider clock, CancellationToken cancellationToken, string? cursor = null, int? pageSize = null)
    {
        var size = pageSize ?? FeedLimits.DefaultPageSize;
        if (size is < 1 or > FeedLimits.MaxPageSize)
            return TypedResults.Problem($"pageSize must be between 1 and {FeedLimits.MaxPageSize}.", statusCode: StatusCodes.Status400BadRequest, title: "Invalid page size");
        FeedCursor? position = null;
        if (!string.IsNullOrEmpty(cursor) && !FeedCursor.TryDecode(cursor, clock.GetUtcNow().UtcDateTime, out position))
            return TypedResults.Problem("The cursor is not one this feed gave out. Start again without a cursor.", statusCode: StatusCodes.Status400BadRequest, title: "Invalid cursor");
        return TypedResults.Ok(await feed.GetPageAsync(context.User, position, size, cancellationToken));
    }
}
