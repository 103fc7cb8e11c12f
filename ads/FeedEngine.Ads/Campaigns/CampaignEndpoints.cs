using System.Security.Claims;
using FeedEngine.Storage.Users;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace FeedEngine.Ads.Campaigns;

static class CampaignEndpoints
{
    /// <summary>A campaign body is a few kilobytes; anything much larger is refused before it is read.</summary>
    public const long MaxBodyBytes = 64 * 1024;

    public static IEndpointRouteBuilder MapCampaignEndpoints(this IEndpointRouteBuilder app)
    {
        // Grouped under /api so the collection's route reads "/api/campaigns" (a group's "" route would end in a slash).
        var campaigns = app.MapGroup("/api").WithTags("Campaigns")
            .WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes))
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        campaigns.MapPost("/campaigns", CreateAsync).RequireAuthorization(Policies.Advertiser).WithName("CreateCampaign")
            .WithSummary("Create a campaign; it waits for review (status pendingReview).")
            .WithDescription("Required: name, totalBudget, dailyBudget, bid, bidType (cpm or cpe), startsAt, endsAt, headline, landingUrl. " +
                "Amounts are JSON numbers in the server's currency. Times are ISO 8601; without an offset they are local to timeZone (IANA, default UTC).")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        campaigns.MapGet("/campaigns", ListAsync).RequireAuthorization(Policies.Advertiser).WithName("ListCampaigns")
            .WithSummary("Your own campaigns, newest first, with their status and spend.");
        campaigns.MapGet("/campaigns/{campaignId}", GetAsync).RequireAuthorization(Policies.Advertiser).WithName("GetCampaign")
            .WithSummary("One of your campaigns (admins may read any).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        campaigns.MapPut("/campaigns/{campaignId}", UpdateAsync).RequireAuthorization(Policies.Advertiser).WithName("UpdateCampaign")
            .WithSummary("Replace a campaign's settings; a changed creative (headline, image, landing URL, sponsored interaction) goes back to review.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        campaigns.MapPost("/campaigns/{campaignId}/pause", PauseAsync).RequireAuthorization(Policies.Advertiser).WithName("PauseCampaign")
            .WithSummary("Stop serving the campaign until it is resumed.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        campaigns.MapPost("/campaigns/{campaignId}/resume", ResumeAsync).RequireAuthorization(Policies.Advertiser).WithName("ResumeCampaign")
            .WithSummary("Serve a paused campaign again (once approved, within its schedule and budget).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    static async Task<Results<Created<CampaignView>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CampaignRequest request, ClaimsPrincipal user, CampaignService campaigns, CancellationToken cancellationToken)
    {
        var result = await campaigns.CreateAsync(AdsHttp.Caller(user), request, cancellationToken);
        if (result.Succeeded) return TypedResults.Created($"/api/campaigns/{result.Value.CampaignId}", result.Value);
        return result.Error.Kind == AdsErrorKind.Invalid ? AdsHttp.Invalid(result.Error) : AdsHttp.Problem(result.Error);
    }

    static async Task<Ok<CampaignList>> ListAsync(ClaimsPrincipal user, CampaignService campaigns, CancellationToken cancellationToken) =>
        TypedResults.Ok(await campaigns.ListAsync(AdsHttp.Caller(user), cancellationToken));

    static async Task<Results<Ok<CampaignView>, ValidationProblem, ProblemHttpResult>> GetAsync(
        string campaignId, ClaimsPrincipal user, CampaignService campaigns, CancellationToken cancellationToken) =>
        (await campaigns.GetAsync(AdsHttp.Caller(user), campaignId, cancellationToken)).ToHttp();

    static async Task<Results<Ok<CampaignView>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        string campaignId, CampaignRequest request, ClaimsPrincipal user, CampaignService campaigns, CancellationToken cancellationToken) =>
        (await campaigns.UpdateAsync(AdsHttp.Caller(user), campaignId, request, cancellationToken)).ToHttp();

    static async Task<Results<Ok<CampaignView>, ValidationProblem, ProblemHttpResult>> PauseAsync(
        string campaignId, ClaimsPrincipal user, CampaignService campaigns, CancellationToken cancellationToken) =>
        (await campaigns.SetPausedAsync(AdsHttp.Caller(user), campaignId, paused: true, cancellationToken)).ToHttp();

    static async Task<Results<Ok<CampaignView>, ValidationProblem, ProblemHttpResult>> ResumeAsync(
        string campaignId, ClaimsPrincipal user, CampaignService campaigns, CancellationToken cancellationToken) =>
        (await campaigns.SetPausedAsync(AdsHttp.Caller(user), campaignId, paused: false, cancellationToken)).ToHttp();
}
