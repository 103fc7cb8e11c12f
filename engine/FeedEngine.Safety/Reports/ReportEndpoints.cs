using FeedEngine.Safety.Limits;
using FeedEngine.Storage.Users;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace FeedEngine.Safety.Reports;

public static class ReportEndpoints
{
    public static IEndpointRouteBuilder MapReportEndpoints(this IEndpointRouteBuilder app)
    {
        // Collection roots are mapped by full path: a group's "" route would end in a slash.
        var reports = app.MapGroup("/api/reports").WithTags("Safety").DisableAntiforgery();
        app.MapPost("/api/reports", ReportAsync).WithTags("Safety").DisableAntiforgery().RequireAuthorization(Policies.Viewer).RequireRateLimiting(RateLimits.ReportsPolicy)
            .WithSummary("Report a post, or one reply in a session on it, with a reason. Reporting the same thing twice returns the first report.");
        reports.MapGet("/mine", MineAsync).RequireAuthorization(Policies.Viewer)
            .WithSummary("The caller's reports and their outcomes, newest first.");
        reports.MapGet("/about-my-posts", AboutMyPostsAsync).RequireAuthorization(Policies.Creator)
            .WithSummary("Reports about the calling creator's posts and their outcomes (the reporters stay anonymous).");

        var admin = app.MapGroup("/api/admin/reports").WithTags("Safety").RequireAuthorization(Policies.Admin).DisableAntiforgery();
        app.MapGet("/api/admin/reports", QueueAsync).WithTags("Safety").RequireAuthorization(Policies.Admin).WithSummary("The queue of open reports and moderation decisions, oldest first.");
        admin.MapPost("/{reportId}/dismiss", (string reportId, ResolveRequest? request, HttpContext context, ReportService service, CancellationToken ct) =>
            ResolveAsync(reportId, ReportAction.Dismiss, request, context, service, ct)).WithSummary("Close a report: no rule broken.");
        admin.MapPost("/{reportId}/unpublish", (string reportId, ResolveRequest? request, HttpContext context, ReportService service, CancellationToken ct) =>
            ResolveAsync(reportId, ReportAction.UnpublishPost, request, context, service, ct)).WithSummary("Take the reported post down and close the report.");
        admin.MapPost("/{reportId}/suspend", (string reportId, ResolveRequest? request, HttpContext context, ReportService service, CancellationToken ct) =>
            ResolveAsync(reportId, ReportAction.SuspendAccount, request, context, service, ct)).WithSummary("Suspend the creator's account (and take down their posts) and close the report.");

        var blocks = app.MapGroup("/api/me/blocks").WithTags("Safety").RequireAuthorization(Policies.Viewer).DisableAntiforgery();
        app.MapGet("/api/me/blocks", BlocksAsync).WithTags("Safety").RequireAuthorization(Policies.Viewer)
            .WithSummary("The creators the caller blocked.");
        app.MapPost("/api/me/blocks", BlockAsync).WithTags("Safety").RequireAuthorization(Policies.Viewer).DisableAntiforgery()
            .WithSummary("Block a creator: their posts leave the caller's feed.");
        blocks.MapDelete("/{creatorId}", UnblockAsync).WithSummary("Unblock a creator.");
        return app;
    }

    static async Task<Results<Created<ReportView>, Ok<ReportView>, ProblemHttpResult>> ReportAsync(
        ReportRequest request, HttpContext context, ReportService service, CancellationToken cancellationToken)
    {
        var result = await service.ReportAsync(SafetyClaims.UserId(context.User)!, request, cancellationToken);
        if (result.Report is not { } report) return Problem(result);
        var view = ReportView.From(report);
        return result.Created ? TypedResults.Created($"/api/reports/mine#{report.Id}", view) : TypedResults.Ok(view);
    }

    static async Task<Ok<ReportList>> MineAsync(HttpContext context, ReportService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(new ReportList([.. (await service.MineAsync(SafetyClaims.UserId(context.User)!, cancellationToken)).Select(ReportView.From)]));

    static async Task<Ok<ReportList>> AboutMyPostsAsync(HttpContext context, ReportService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(new ReportList([.. (await service.AboutMyPostsAsync(SafetyClaims.UserId(context.User)!, cancellationToken)).Select(ReportView.From)]));

    static async Task<Ok<AdminReportList>> QueueAsync(ReportService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(new AdminReportList([.. (await service.QueueAsync(cancellationToken)).Select(r => new AdminReportView(ReportView.From(r), r.ReporterId, r.CreatorId))]));

    static async Task<Results<Ok<ReportView>, ProblemHttpResult>> ResolveAsync(
        string reportId, ReportAction action, ResolveRequest? request, HttpContext context, ReportService service, CancellationToken cancellationToken)
    {
        var result = await service.ResolveAsync(reportId, action, SafetyClaims.UserId(context.User)!, request?.Note, cancellationToken);
        return result.Report is { } report ? TypedResults.Ok(ReportView.From(report)) : Problem(result);
    }

    static async Task<Ok<BlockList>> BlocksAsync(HttpContext context, EnforcementService enforcement, CancellationToken cancellationToken) =>
        TypedResults.Ok(new BlockList(await enforcement.BlockedCreatorsAsync(SafetyClaims.UserId(context.User)!, cancellationToken)));

    static async Task<Results<NoContent, ProblemHttpResult>> BlockAsync(
        BlockRequest request, HttpContext context, EnforcementService enforcement, IUserRepository users, CancellationToken cancellationToken)
    {
        var viewer = SafetyClaims.UserId(context.User)!;
        if (string.IsNullOrWhiteSpace(request.CreatorId) || request.CreatorId.Length > 100)
            return TypedResults.Problem("Say which creator to block (creatorId).", statusCode: StatusCodes.Status400BadRequest, title: "Invalid request");
        if (request.CreatorId == viewer)
            return TypedResults.Problem("You cannot block yourself.", statusCode: StatusCodes.Status400BadRequest, title: "Invalid request");
        if (await users.FindAsync(request.CreatorId, cancellationToken) is null)
            return TypedResults.Problem("There is no such creator.", statusCode: StatusCodes.Status404NotFound);
        await enforcement.SetBlockedAsync(viewer, request.CreatorId, blocked: true, cancellationToken);
        return TypedResults.NoContent();
    }

    static async Task<NoContent> UnblockAsync(string creatorId, HttpContext context, EnforcementService enforcement, CancellationToken cancellationToken)
    {
        await enforcement.SetBlockedAsync(SafetyClaims.UserId(context.User)!, creatorId, blocked: false, cancellationToken);
        return TypedResults.NoContent();
    }

    static ProblemHttpResult Problem(ReportResult result) => result.Error switch
    {
        ReportErrorKind.NotFound => TypedResults.Problem(result.Message, statusCode: StatusCodes.Status404NotFound, title: "Not found"),
        ReportErrorKind.AlreadyResolved => TypedResults.Problem(result.Message, statusCode: StatusCodes.Status409Conflict, title: "Already resolved"),
        ReportErrorKind.Conflict => TypedResults.Problem(result.Message, statusCode: StatusCodes.Status409Conflict, title: "Changed meanwhile"),
        _ => TypedResults.Problem(result.Message, statusCode: StatusCodes.Status400BadRequest, title: "Invalid report"),
    };
}
