using System.Security.Claims;
using System.Text;
using FeedEngine.Storage.Users;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace FeedEngine.Ads.Reports;

static class ReportEndpoints
{
    public static IEndpointRouteBuilder MapReportEndpoints(this IEndpointRouteBuilder app)
    {
        var reports = app.MapGroup("/api/campaigns/{campaignId}").WithTags("Campaign reports")
            .RequireAuthorization(Policies.Advertiser)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        reports.MapGet("/report", GetAsync).WithName("CampaignReport")
            .WithSummary("Spend, impressions, engagements, clicks, engagement rate and cost per engagement by day in the campaign's time zone.")
            .WithDescription("Optional from and to (yyyy-MM-dd, at most 366 days). Without them: from the campaign's first day to today, and every day with activity.");
        reports.MapGet("/report.csv", GetCsvAsync).WithName("CampaignReportCsv")
            .WithSummary("The same report as a CSV file: one row per day and a total row.")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv");
        return app;
    }

    static async Task<Results<Ok<CampaignReport>, ValidationProblem, ProblemHttpResult>> GetAsync(
        string campaignId, ClaimsPrincipal user, ReportService reports, CancellationToken cancellationToken, DateOnly? from = null, DateOnly? to = null) =>
        (await reports.GetAsync(AdsHttp.Caller(user), campaignId, from, to, cancellationToken)).ToHttp();

    static async Task<Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult>> GetCsvAsync(
        string campaignId, ClaimsPrincipal user, ReportService reports, CancellationToken cancellationToken, DateOnly? from = null, DateOnly? to = null)
    {
        var result = await reports.GetAsync(AdsHttp.Caller(user), campaignId, from, to, cancellationToken);
        if (!result.Succeeded) return result.Error.Kind == AdsErrorKind.Invalid ? AdsHttp.Invalid(result.Error) : AdsHttp.Problem(result.Error);
        return TypedResults.File(Encoding.UTF8.GetBytes(ReportCsv.Write(result.Value)), ReportCsv.ContentType, ReportCsv.FileName(result.Value));
    }
}
