using System.Security.Claims;
using FeedEngine.Ads.Campaigns;
using FeedEngine.Storage.Users;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace FeedEngine.Ads.Review;

static class ReviewEndpoints
{
    public static IEndpointRouteBuilder MapReviewEndpoints(this IEndpointRouteBuilder app)
    {
        var decisions = app.MapGroup("/api/campaigns/{campaignId}").WithTags("Campaign review")
            .RequireAuthorization(Policies.Admin)
            .WithMetadata(new RequestSizeLimitAttribute(16 * 1024))
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        decisions.MapPost("/approve", ApproveAsync).WithName("ApproveCampaign")
            .WithSummary("Admins: approve the campaign's creative, optionally with a note; nobody approves their own campaign.");
        decisions.MapPost("/reject", RejectAsync).WithName("RejectCampaign")
            .WithSummary("Admins: reject (or take down) the campaign with a reason shown to the advertiser.");

        app.MapGet("/api/review/campaigns", QueueAsync).WithTags("Campaign review").RequireAuthorization(Policies.Admin).WithName("ReviewQueue")
            .WithSummary("Admins: campaigns waiting for review, longest waiting first.")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        return app;
    }

    static async Task<Results<Ok<CampaignView>, ValidationProblem, ProblemHttpResult>> ApproveAsync(
        string campaignId, ReviewRequest? request, ClaimsPrincipal user, ReviewService review, CancellationToken cancellationToken) =>
        (await review.ApproveAsync(AdsHttp.Caller(user), campaignId, request, cancellationToken)).ToHttp();

    static async Task<Results<Ok<CampaignView>, ValidationProblem, ProblemHttpResult>> RejectAsync(
        string campaignId, ReviewRequest? request, ClaimsPrincipal user, ReviewService review, CancellationToken cancellationToken) =>
        (await review.RejectAsync(AdsHttp.Caller(user), campaignId, request, cancellationToken)).ToHttp();

    static async Task<Ok<CampaignList>> QueueAsync(ReviewService review, CancellationToken cancellationToken) =>
        TypedResults.Ok(await review.QueueAsync(cancellationToken));
}
