using FeedEngine.Media.Uploads;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace FeedEngine.Media;

public static class MediaExtensions
{
    /// <summary>
    /// Registers the image upload pipeline (<see cref="ImageUploadService"/>, options from <c>Media</c>) and the upload
    /// rate-limit policy. Needs a storage registration (<c>AddStorage</c>); the host calls <c>UseRateLimiter()</c> after
    /// authentication so uploads are counted per user.
    /// </summary>
    public static IHostApplicationBuilder AddMedia(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ImageUploadOptions>()
            .BindConfiguration(ImageUploadOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ImageUploadService>();
        builder.Services.AddRateLimiter(limiter => limiter.AddPolicy<string, ImageUploadRateLimitPolicy>(ImageUploadRateLimitPolicy.Name));
        builder.Services.AddProblemDetails();
        return builder;
    }

    /// <summary><c>POST /api/images</c> (viewers and guests, rate-limited) and <c>GET /images/{imageId}/{variant}</c> (public).</summary>
    public static IEndpointRouteBuilder MapMediaEndpoints(this IEndpointRouteBuilder app) => app.MapImageEndpoints();
}
