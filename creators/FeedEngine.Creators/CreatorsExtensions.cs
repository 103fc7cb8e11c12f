using FeedEngine.Creators.Analytics;
using FeedEngine.Creators.Cards;
using FeedEngine.Creators.Posts;
using FeedEngine.Creators.Studio;
using FeedEngine.Media.Uploads;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace FeedEngine.Creators;

public static class CreatorsExtensions
{
    /// <summary>Authoring (posts, versions, publishing) and Character Card import and export. Needs storage, media and safety (moderation at publish).</summary>
    public static IHostApplicationBuilder AddCreators(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddScoped<PostService>();
        builder.Services.AddScoped<PublishModeration>();
        builder.Services.AddScoped<CardService>();
        builder.Services.AddScoped<AnalyticsService>();
        builder.Services.AddSingleton<CardImage>();
        return builder;
    }

    /// <summary><c>/api/posts</c>: authoring for creators, the public view of published posts for anyone, card import and export.</summary>
    public static IEndpointRouteBuilder MapCreatorEndpoints(this IEndpointRouteBuilder app)
    {
        var media = app.ServiceProvider.GetRequiredService<IOptions<ImageUploadOptions>>().Value;
        app.MapCardEndpoints(Math.Max(media.MaxBytes, CardReader.MaxJsonBytes));
        app.MapPostEndpoints();
        app.MapAutosaveEndpoint();
        app.MapAnalyticsEndpoints();
        return app;
    }
}
