using System.Security.Claims;
using FeedEngine.Storage.Campaigns;
using FeedEngine.Storage.Users;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace FeedEngine.Ads.Events;

/// <summary>The event a viewer's client reports for a sponsored card it showed or opened.</summary>
public sealed record AdEventRequest(string? PlacementId, string? Kind);

public sealed record AdEventReceipt(string EventId, string Outcome);

static class AdEventEndpoints
{
    public static IEndpointRouteBuilder MapAdEventEndpoints(this IEndpointRouteBuilder app)
    {
        var ads = app.MapGroup("/api/ads").WithTags("Sponsored items");
        ads.MapGet("/click/{placementId}", ClickAsync).AllowAnonymous()
            .WithSummary("Opens a sponsored item's landing page and records the click once (a repeat within the click window is not counted).")
            .WithDescription("The placement id in the link stands for the viewer it was shown to. Only the campaign's own http(s) landing URL is a target.")
            .Produces(StatusCodes.Status302Found)
            .ProducesProblem(StatusCodes.Status404NotFound);
        ads.MapPost("/events", RecordAsync).RequireAuthorization(Policies.Viewer)
            .WithSummary("Records an impression or engagement of a sponsored card shown to the caller; a repeat is dropped.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    static async Task<Results<RedirectHttpResult, ProblemHttpResult>> ClickAsync(string placementId, AdEventService events, CancellationToken cancellationToken)
    {
        var (_, landing) = await events.ClickAsync(placementId, cancellationToken);
        return landing is null
            ? TypedResults.Problem("This sponsored link is not known. Go back to the feed.", statusCode: StatusCodes.Status404NotFound, title: "Link not found")
            : TypedResults.Redirect(landing.AbsoluteUri);
    }

    static async Task<Results<Ok<AdEventReceipt>, ProblemHttpResult>> RecordAsync(AdEventRequest request, ClaimsPrincipal user, AdEventService events, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.PlacementId) || request.PlacementId.Length > 100)
            return TypedResults.Problem("placementId must be the id of a sponsored card you were shown (1 to 100 characters).", statusCode: StatusCodes.Status400BadRequest, title: "Invalid event");
        AdEventKind? kind = request.Kind switch { "impression" => AdEventKind.Impression, "engagement" => AdEventKind.Engagement, _ => null };
        if (kind is not { } k)
            return TypedResults.Problem("kind must be \"impression\" or \"engagement\"; clicks go through the card's link.", statusCode: StatusCodes.Status400BadRequest, title: "Invalid event");
        var viewerId = user.FindFirstValue("sub") ?? user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
        var outcome = await events.RecordAsync(request.PlacementId, k, viewerId, cancellationToken);
        if (outcome == AdEventOutcome.UnknownPlacement)
            return TypedResults.Problem("There is no such sponsored card among those shown to you.", statusCode: StatusCodes.Status404NotFound, title: "Not found");
        var name = outcome.ToString();
        return TypedResults.Ok(new AdEventReceipt(AdEventService.EventId(request.PlacementId, k), char.ToLowerInvariant(name[0]) + name[1..]));
    }
}
