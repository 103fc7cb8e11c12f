using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FeedEngine.Safety.Limits;

/// <summary>
/// HTTP rate limits: every API and hub request counts against its user (signed in or guest) or, without a token, its
/// client address; named policies add tighter limits (reports per hour). Every rejection, from any policy, is a 429
/// ProblemDetails with a <c>Retry-After</c> header.
/// </summary>
public static class RateLimits
{
    public const string ReportsPolicy = "reports";

    public static IServiceCollection AddSafetyRateLimits(this IServiceCollection services)
    {
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = RejectAsync;
        });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<SafetyOptions>, IServiceProvider>((o, safety, provider) =>
        {
            var clock = provider.GetRequiredKeyedService<TimeProvider>(SafetyExtensions.ClockKey);
            var limits = safety.Value.RateLimits;
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                if (!IsLimitedPath(context.Request.Path)) return RateLimitPartition.GetNoLimiter("pages");
                return SafetyClaims.UserId(context.User) is { } user
                    ? RateLimitPartition.Get("user:" + user, _ => new FixedWindowLimiter(limits.UserRequestsPerMinute, TimeSpan.FromMinutes(1), clock))
                    : RateLimitPartition.Get("address:" + Address(context), _ => new FixedWindowLimiter(limits.AnonymousRequestsPerMinute, TimeSpan.FromMinutes(1), clock));
            });
            o.AddPolicy(ReportsPolicy, context => RateLimitPartition.Get(
                "reports:" + (SafetyClaims.UserId(context.User) ?? Address(context)),
                _ => new FixedWindowLimiter(limits.ReportsPerHour, TimeSpan.FromHours(1), clock)));
        });
        return services;
    }

    /// <summary>The API and the hub; pages and static files are not counted (a page load fetches dozens of framework files).</summary>
    static bool IsLimitedPath(PathString path) => path.StartsWithSegments("/api") || path.StartsWithSegments("/hubs");

    static string Address(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    /// <summary>A 429 ProblemDetails with Retry-After, whichever limiter refused.</summary>
    public static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        var response = context.HttpContext.Response;
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await TypedResults.Problem(
                title: "Too many requests",
                detail: $"You are going a little fast. Wait {seconds} seconds and try again.",
                statusCode: StatusCodes.Status429TooManyRequests,
                extensions: new Dictionary<string, object?> { ["retryAfterSeconds"] = seconds })
            .ExecuteAsync(context.HttpContext);
    }
}
