using FeedEngine.Ads.Ranking;
using FeedEngine.Ads.Serving;
using FeedEngine.Engine.Abstractions.Ads;
using FeedEngine.Storage;
using FeedEngine.Storage.Users;
using Hangfire;
using Hangfire.Dashboard;
using Hangfire.Mongo;
using Hangfire.Mongo.Migration.Strategies;
using Hangfire.Mongo.Migration.Strategies.Backup;
using Microsoft.Extensions.Options;

namespace FeedEngine.Web.Ads;

/// <summary>
/// Schedules the ad ranking job with Hangfire: MongoDB storage (Hangfire.Mongo) when <c>Storage:MongoUrl</c> is set, so
/// app replicas share one schedule and run each minute's job once; in-memory storage with the embedded store. The
/// Hangfire dashboard is at <c>/hangfire</c>, for admins only.
/// </summary>
public static class AdRankingSchedule
{
    public const string JobId = "ads-ranking";
    public const string DashboardPath = "/hangfire";

    public static IHostApplicationBuilder AddAdRankingSchedule(this IHostApplicationBuilder builder)
    {
        var storage = builder.Configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        builder.Services.AddHangfire(config =>
        {
            config.SetDataCompatibilityLevel(CompatibilityLevel.Version_180).UseSimpleAssemblyNameTypeSerializer().UseRecommendedSerializerSettings();
            // A failed run is not retried: the next minute's run ranks afresh.
            config.UseFilter(new AutomaticRetryAttribute { Attempts = 0 });
            if (storage.UsesMongo)
            {
                var url = MongoDB.Driver.MongoUrl.Create(storage.MongoUrl);
                config.UseMongoStorage(storage.MongoUrl, (storage.MongoDatabase ?? url.DatabaseName ?? "feedengine") + "-hangfire", new MongoStorageOptions
                {
                    MigrationOptions = new MongoMigrationOptions { MigrationStrategy = new MigrateMongoMigrationStrategy(), BackupStrategy = new CollectionMongoBackupStrategy() },
                    CheckConnection = false,
                    CheckQueuedJobsStrategy = CheckQueuedJobsStrategy.TailNotificationsCollection,
                });
            }
            else config.UseInMemoryStorage();
        });
        builder.Services.AddHangfireServer(o => o.WorkerCount = 1);
        builder.Services.AddHostedService<RankingJobRegistration>();
        // The engine's seam to the ad system.
        builder.Services.AddSingleton<ISponsoredSelector>(sp => sp.GetRequiredService<SponsoredSelector>());
        return builder;
    }

    public static IEndpointRouteBuilder MapAdRankingDashboard(this IEndpointRouteBuilder app)
    {
        // The endpoint policy decides who gets in; the dashboard's own filter would only admit local requests.
        app.MapHangfireDashboard(DashboardPath, new DashboardOptions { Authorization = [new EndpointAuthorized()], DashboardTitle = "FeedEngine jobs" })
            .RequireAuthorization(Policies.Admin);
        return app;
    }

    sealed class EndpointAuthorized : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context) => context.GetHttpContext().User.IsInRole(UserRoles.Admin);
    }

    /// <summary>Registers (or updates) the recurring job when the app starts.</summary>
    sealed class RankingJobRegistration(IRecurringJobManager jobs, IOptions<AdServingOptions> options) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            jobs.AddOrUpdate<AdRankingJob>(JobId, job => job.RunAsync(CancellationToken.None), options.Value.RankingCron);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
