using FeedEngine.Ads.Review;
using FeedEngine.Safety;
using FeedEngine.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace FeedEngine.Ads.Tests.Campaigns;

/// <summary>
/// The Ads services as <c>AddStorage</c> + <c>AddAds</c> register them, on the embedded store in a temporary folder, with a
/// clock the test moves. <see cref="BeforeNextUpdate"/> lets a test make "someone else's" write land between a service's
/// read and its write, to show what the service does when it loses that race.
/// </summary>
public sealed class AdsStore : IDisposable
{
    readonly IHost host;
    readonly string directory = Directory.CreateTempSubdirectory("feedengine-ads-").FullName;

    public AdsStore(DateTimeOffset now)
    {
        Clock = new FakeTimeProvider(now);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:DataDirectory"] = directory });
        builder.Services.AddSingleton<TimeProvider>(Clock);
        builder.AddStorage();
        builder.AddSafety();
        builder.AddAds();
        var original = builder.Services.Single(d => d.ServiceType == typeof(ICampaignRepository)).ImplementationType!;
        builder.Services.Replace(ServiceDescriptor.Singleton<ICampaignRepository>(sp =>
            new RacingCampaigns((ICampaignRepository)ActivatorUtilities.CreateInstance(sp, original), this)));
        host = builder.Build();
    }

    public FakeTimeProvider Clock { get; }
    public IServiceProvider Services => host.Services;
    public CampaignService CampaignService => Services.GetRequiredService<CampaignService>();
    public ReviewService Review => Services.GetRequiredService<ReviewService>();
    public ICampaignRepository Campaigns => Services.GetRequiredService<ICampaignRepository>();
    public IAdLedgerRepository Ledger => Services.GetRequiredService<IAdLedgerRepository>();

    /// <summary>Runs once, just before the next <c>UpdateAsync</c> reaches the store.</summary>
    public Func<Task>? BeforeNextUpdate { get; set; }

    public void Dispose()
    {
        host.Dispose();
        Directory.Delete(directory, recursive: true);
    }

    sealed class RacingCampaigns(ICampaignRepository inner, AdsStore store) : ICampaignRepository
    {
        public async Task<WriteOutcome> UpdateAsync(CampaignDocument campaign, CancellationToken cancellationToken = default)
        {
            if (store.BeforeNextUpdate is { } meanwhile)
            {
                store.BeforeNextUpdate = null;
                await meanwhile();
            }
            return await inner.UpdateAsync(campaign, cancellationToken);
        }

        public Task<WriteOutcome> InsertAsync(CampaignDocument campaign, CancellationToken cancellationToken = default) => inner.InsertAsync(campaign, cancellationToken);
        public Task<CampaignDocument?> FindAsync(string campaignId, CancellationToken cancellationToken = default) => inner.FindAsync(campaignId, cancellationToken);
        public Task<IReadOnlyList<CampaignDocument>> ListByAdvertiserAsync(string advertiserId, CancellationToken cancellationToken = default) => inner.ListByAdvertiserAsync(advertiserId, cancellationToken);
        public Task<IReadOnlyList<CampaignDocument>> ListByReviewAsync(ReviewStatus status, int limit = 100, CancellationToken cancellationToken = default) => inner.ListByReviewAsync(status, limit, cancellationToken);
        public Task<IReadOnlyList<CampaignDocument>> ListLiveAsync(DateTime at, CancellationToken cancellationToken = default) => inner.ListLiveAsync(at, cancellationToken);
    }
}
