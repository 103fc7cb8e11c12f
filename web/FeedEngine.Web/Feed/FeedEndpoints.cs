using FeedEngine.Web.Client.Feed;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FeedEngine.Web.Feed;

public static class FeedEndpoints
{
    public static IHostApplicationBuilder AddFeed(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<FeedService>();
        builder.Services.AddSingleton<SponsoredFeedMerger>();
        builder.Services.AddScoped<IFeedSource, ServerFeedSource>();
        return builder;
    }

    public static IEndpointRouteBuilder MapFeedEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/feed", GetAsync).WithTags("Feed").AllowAnonymous()
            .WithSummary("A page of the feed. Anyone may read it; signed-in viewers see posts for their age.");
        return app;
    }

    static async Task<Results<Ok<FeedPage>, ProblemHttpResult>> GetAsync(
        HttpContext context, FeedService feed, CancellationToken cancellationToken, string? cursor = null, int? pageSize = null)
    {
        var size = pageSize ?? FeedLimits.DefaultPageSize;
        if (size is < 1 or > FeedLimits.MaxPageSize)
            return TypedResults.Problem($"pageSize must be between 1 and {FeedLimits.MaxPageSize}.", statusCode: StatusCodes.Status400BadRequest, title: "Invalid page size");
        FeedCursor? position = null;
        if (!string.IsNullOrEmpty(cursor))
        {
            if (!FeedCursor.TryDecode(cursor, out var decoded))
                return TypedResults.Problem("The cursor is not one this feed gave out. Start again without a cursor.", statusCode: StatusCodes.Status400BadRequest, title: "Invalid cursor");
            position = decoded;
        }
        return TypedResults.Ok(await feed.GetPageAsync(context.User, position, size, cancellationToken));
    }
}
