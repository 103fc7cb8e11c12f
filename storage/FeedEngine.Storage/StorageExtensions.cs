using FeedEngine.Storage.Campaigns;
using FeedEngine.Storage.Embedded;
using FeedEngine.Storage.Images;
using FeedEngine.Storage.Memory;
using FeedEngine.Storage.Keys;
using FeedEngine.Storage.Mongo;
using FeedEngine.Storage.Posts;
using FeedEngine.Storage.Safety;
using FeedEngine.Storage.Sessions;
using FeedEngine.Storage.State;
using FeedEngine.Storage.Users;
using FeedEngine.Storage.Viewers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using MongoDB.Driver;

namespace FeedEngine.Storage;

public static class StorageExtensions
{
    /// <summary>Registers the repositories: MongoDB when <c>Storage:MongoUrl</c> is set, else the embedded store.</summary>
    public static IHostApplicationBuilder AddStorage(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<StorageOptions>()
            .BindConfiguration(StorageOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => !o.UsesMongo || o.MongoUrl!.StartsWith("mongodb://", StringComparison.Ordinal) || o.MongoUrl.StartsWith("mongodb+srv://", StringComparison.Ordinal),
                "Storage:MongoUrl must be a mongodb:// or mongodb+srv:// connection string.")
            .ValidateOnStart();

        var options = builder.Configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        if (options.UsesMongo) builder.Services.AddMongoStorage();
        else builder.Services.AddEmbeddedStorage();
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
        services.AddSingleton<IPostActivityReader, EmbeddedPostActivityReader>();
        services.AddSingleton<IPostViewRepository, EmbeddedPostViewRepository>();
        services.AddSingleton<IPostEngagementReader, EmbeddedPostEngagementReader>();
        services.AddSingleton<IPostStateRepository, EmbeddedPostStateRepository>();
        services.AddSingleton<IViewerProfileRepository, EmbeddedViewerProfileRepository>();
        services.AddSingleton<IImageRepository, EmbeddedImageRepository>();
        services.AddSingleton<ICampaignRepository, EmbeddedCampaignRepository>();
        services.AddSingleton<EmbeddedAdActivityRepository>();
        services.AddSingleton<IAdEventRepository>(sp => sp.GetRequiredService<EmbeddedAdActivityRepository>());
        services.AddSingleton<IAdLedgerRepository>(sp => sp.GetRequiredService<EmbeddedAdActivityRepository>());
        services.AddSingleton<EmbeddedAdServingRepository>();
        services.AddSingleton<IAdPlacementRepository>(sp => sp.GetRequiredService<EmbeddedAdServingRepository>());
        services.AddSingleton<IAdBudgetRepository>(sp => sp.GetRequiredService<EmbeddedAdServingRepository>());
        services.AddSingleton<IAdPacingRepository>(sp => sp.GetRequiredService<EmbeddedAdServingRepository>());
        services.AddSingleton<IAdSlateRepository>(sp => sp.GetRequiredService<EmbeddedAdServingRepository>());
        services.AddSingleton<IUsageCounterRepository, EmbeddedUsageCounterRepository>();
        services.AddSingleton<IReportRepository, EmbeddedReportRepository>();
        services.AddSingleton<IMemoryRepository, EmbeddedMemoryRepository>();
        services.AddSingleton<IKeyRepository, EmbeddedKeyRepository>();
        services.AddSingleton<IViewerDataEraser, EmbeddedViewerDataEraser>();
        return services;
    }

    /// <summary>
    /// The MongoDB store at <c>Storage:MongoUrl</c> (database <c>Storage:MongoDatabase</c>, else the one in the URL, else
    /// <c>feedengine</c>). Its indexes are created when the host starts, or before the first operation without a host.
    /// </summary>
    public static IServiceCollection AddMongoStorage(this IServiceCollection services)
    {
        MongoConventions.Register();
        // An app (or a test) may register its own client first, e.g. with command monitoring.
        services.TryAddSingleton<IMongoClient>(sp => new MongoClient(sp.GetRequiredService<IOptions<StorageOptions>>().Value.MongoUrl));
        services.AddSingleton<MongoStore>();
        services.AddHostedService<MongoStoreInitializer>();
        services.AddSingleton<MongoSessionRepository>();
        services.AddSingleton<IUserRepository, MongoUserRepository>();
        services.AddSingleton<IPostRepository, MongoPostRepository>();
        services.AddSingleton<ISessionRepository>(sp => sp.GetRequiredService<MongoSessionRepository>());
        services.AddSingleton<ITurnRepository>(sp => sp.GetRequiredService<MongoSessionRepository>());
        services.AddSingleton<IPostActivityReader, MongoPostActivityReader>();
        services.AddSingleton<IPostViewRepository, MongoPostViewRepository>();
        services.AddSingleton<IPostEngagementReader, MongoPostEngagementReader>();
        services.AddSingleton<IPostStateRepository, MongoPostStateRepository>();
        services.AddSingleton<IViewerProfileRepository, MongoViewerProfileRepository>();
        services.AddSingleton<IImageRepository, MongoImageRepository>();
        services.AddSingleton<ICampaignRepository, MongoCampaignRepository>();
        services.AddSingleton<MongoAdActivityRepository>();
        services.AddSingleton<IAdEventRepository>(sp => sp.GetRequiredService<MongoAdActivityRepository>());
        services.AddSingleton<IAdLedgerRepository>(sp => sp.GetRequiredService<MongoAdActivityRepository>());
        services.AddSingleton<MongoAdServingRepository>();
        services.AddSingleton<IAdPlacementRepository>(sp => sp.GetRequiredService<MongoAdServingRepository>());
        services.AddSingleton<IAdBudgetRepository>(sp => sp.GetRequiredService<MongoAdServingRepository>());
        services.AddSingleton<IAdPacingRepository>(sp => sp.GetRequiredService<MongoAdServingRepository>());
        services.AddSingleton<IAdSlateRepository>(sp => sp.GetRequiredService<MongoAdServingRepository>());
        services.AddSingleton<IUsageCounterRepository, MongoUsageCounterRepository>();
        services.AddSingleton<IReportRepository, MongoReportRepository>();
        services.AddSingleton<IMemoryRepository, MongoMemoryRepository>();
        services.AddSingleton<IKeyRepository, MongoKeyRepository>();
        services.AddSingleton<IViewerDataEraser, MongoViewerDataEraser>();
        return services;
    }
}
