using FeedEngine.Media.Generation;
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
    /// Registers the image upload pipeline (<see cref="ImageUploadService"/>, options from <c>Media</c>), the upload
    /// rate-limit policy, and the scene pictures of conversations (<see cref="SceneImageService"/>, <c>Media:Generation</c>).
    /// Needs a storage registration (<c>AddStorage</c>); the host calls <c>UseRateLimiter()</c> after authentication so
    /// uploads are counted per user. Pictures are drawn by the host's <c>IImageGenerator</c> (<c>AddInference</c>); without one they are off.
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

        // Scene pictures: drawn by whatever IImageGenerator the host registers (AddInference does), stored labelled.
        builder.Services.AddOptions<SceneImageOptions>()
            .BindConfiguration(SceneImageOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<GeneratedImageStore>();
        builder.Services.AddSingleton<SceneImageService>();
        return builder;
    }

    /// <summary><c>POST /api/images</c> (viewers and guests, rate-limited) and <c>GET /images/{imageId}/{variant}</c> (public).</summary>
    public static IEndpointRouteBuilder MapMediaEndpoints(this IEndpointRouteBuilder app) => app.MapImageEndpoints();
}
