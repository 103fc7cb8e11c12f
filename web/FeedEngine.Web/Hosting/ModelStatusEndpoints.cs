using FeedEngine.Inference.ImageGeneration;
using FeedEngine.Inference.Models;
using FeedEngine.Storage.Users;
using FeedEngine.Web.Components.Layout;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FeedEngine.Web.Hosting;

/// <summary>Where the chat and image models stand, for admins: the same banner the layout shows (polled by model-status.js) and as JSON.</summary>
public static class ModelStatusEndpoints
{
    /// <summary>The admins' model banner as an HTML fragment; empty once both models are ready real models.</summary>
    public const string Path = "/api/admin/model-status";

    public static IEndpointRouteBuilder MapModelStatusEndpoints(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin").WithTags("Models").RequireAuthorization(Policies.Admin);
        admin.MapGet("/model-status", Banner)
            .WithName("ModelStatusBanner")
            .WithSummary("The admins' model banner (chat and image model: downloading with progress, missing, failed, test model) as an HTML fragment; empty when both are ready.")
            .Produces(StatusCodes.Status200OK, contentType: "text/html")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        admin.MapGet("/models", Report)
            .WithName("ModelStatus")
            .WithSummary("Where the chat model and the image model stand (state, message, download progress).")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        return app;
    }

    static RazorComponentResult<ModelStatusBanner> Banner(ModelHost text, IServiceProvider services) =>
        new(new Dictionary<string, object?>
        {
            [nameof(ModelStatusBanner.Status)] = text.Status,
            [nameof(ModelStatusBanner.ImageStatus)] = services.GetService<ImageModelHost>()?.Status,
        });

    static Ok<ModelStatusReport> Report(ModelHost text, IServiceProvider services) =>
        TypedResults.Ok(new ModelStatusReport(text.Status, services.GetService<ImageModelHost>()?.Status));
}

/// <summary>The chat model's status and the image model's (null when <c>Inference:Images:Provider=none</c>).</summary>
public sealed record ModelStatusReport(ModelStatus Text, ModelStatus? Image);
