using FeedEngine.Storage.Users;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace FeedEngine.Safety.Quotas;

public static class QuotaEndpoints
{
    public static IEndpointRouteBuilder MapQuotaEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/me/quota", GetAsync).WithTags("Safety").RequireAuthorization(Policies.Viewer)
            .WithSummary("Today's generation quota of the signed-in user or guest: limit, used, remaining, and when it resets.");
        return app;
    }

    static async Task<Ok<QuotaStatus>> GetAsync(HttpContext context, GenerationQuotaService quotas, CancellationToken cancellationToken) =>
        TypedResults.Ok(await quotas.GetAsync(SafetyClaims.UserId(context.User)!, SafetyClaims.IsGuest(context.User), cancellationToken));
}
