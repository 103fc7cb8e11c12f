using FeedEngine.Storage.Embedded;
using FeedEngine.Storage.Images;
using FeedEngine.Storage.Posts;
using FeedEngine.Storage.Sessions;
using FeedEngine.Storage.State;
using FeedEngine.Storage.Users;
using FeedEngine.Storage.Viewers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace FeedEngine.Storage;

public static class StorageExtensions
{
    /// <summary>Registers the repositories: MongoDB when <c>Storage:MongoUrl</c> is set, else the embedded store.</summary>
    public static IHostApplicationBuilder AddStorage(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<StorageOptions>()
            .BindConfiguration(StorageOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        var options = builder.Configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        if (options.UsesMongo)
            throw new InvalidOperationException("Storage:MongoUrl is set, but this build has no MongoDB store yet. Unset it to use the embedded store.");
        builder.Services.AddEmbeddedStorage();
        return builder;
    }

    /// <summary>The embedded LiteDB store in <c>Storage:DataDirectory</c>.</summary>
    public static IServiceCollection AddEmbeddedStorage(this IServiceCollection services)
    {
        services.AddSingleton<EmbeddedDatabase>();
        services.AddSingleton<EmbeddedSessionRepository>();
        services.AddSingleton<IUserRepository, EmbeddedUserRepository>();
        services.AddSingleton<IPostRepository, EmbeddedPostRepository>();
        services.AddSingleton<ISessionRepository>(sp => sp.GetRequiredService<EmbeddedSessionRepository>());
        services.AddSingleton<ITurnRepository>(sp => sp.GetRequiredService<EmbeddedSessionRepository>());
        services.AddSingleton<IPostStateRepository, EmbeddedPostStateRepository>();
        services.AddSingleton<IViewerProfileRepository, EmbeddedViewerProfileRepository>();
        services.AddSingleton<IImageRepository, EmbeddedImageRepository>();
        return services;
    }
}
