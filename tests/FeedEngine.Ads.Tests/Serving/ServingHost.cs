using FeedEngine.Ads.Events;
using FeedEngine.Ads.Ranking;
using FeedEngine.Ads.Reports;
using FeedEngine.Ads.Serving;
using FeedEngine.Safety;
using FeedEngine.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace FeedEngine.Ads.Tests.Serving;

/// <summary>
/// The serving side as <c>AddStorage</c> + <c>AddAds</c> register it, on the embedded store in a temporary folder, with a
/// clock the test moves, a seeded random source and the deterministic <see cref="HashedWordEmbedder"/> (no model
/// embedder is registered). <paramref name="configure"/> may replace repositories (fault injection) or options.
/// </summary>
public sealed class ServingHost : IDisposable
{
    public static readonly DateTimeOffset Start = new(2030, 6, 10, 0, 0, 0, TimeSpan.Zero);

    readonly IHost host;
    // The embedded store on disk; on tmpfs where the machine has one, so thousands of committed writes stay quick.
    readonly string directory = Directory.Exists("/dev/shm")
        ? Directory.CreateDirectory(Path.Combine("/dev/shm", "feedengine-adserve-" + Guid.NewGuid().ToString("N"))).FullName
        : Directory.CreateTempSubdirectory("feedengine-adserve-").FullName;

    public ServingHost(Dictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null, DateTimeOffset? now = null, int seed = 7)
    {
        Clock = new FakeTimeProvider(now ?? Start);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        var config = new Dictionary<string, string?> { ["Storage:DataDirectory"] = directory, ["Ads:Serving:SlateRefreshSeconds"] = "0" };
        foreach (var (k, v) in settings ?? []) config[k] = v;
        builder.Configuration.AddInMemoryCollection(config);
        builder.Services.AddSingleton<TimeProvider>(Clock);
        builder.Services.AddSingleton(new Random(seed));
        builder.AddStorage();
        builder.AddSafety();
        builder.AddAds();
        configure?.Invoke(builder.Services);
        host = builder.Build();
    }

    public FakeTimeProvider Clock { get; }
    public IServiceProvider Services => host.Services;
    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();
    public AdRankingJob Job => Get<AdRankingJob>();
    public AdSelector Selector => Get<AdSelector>();
    public AdEventService Events => Get<AdEventService>();
    public ICampaignRepository Campaigns => Get<ICampaignRepository>();
    public IAdLedgerRepository Ledger => Get<IAdLedgerRepository>();
    public IAdBudgetRepository Budgets => Get<IAdBudgetRepository>();
    public IAdSlateRepository Slates => Get<IAdSlateRepository>();
    public ReportService Reports => Get<ReportService>();
    DateTime Now => Clock.GetUtcNow().UtcDateTime;

    /// <summary>An approved, running campaign (stored directly, as review would leave it).</summary>
    public async Task<CampaignDocument> AddCampaignAsync(string name, decimal bid, decimal daily = 1000, decimal total = 100_000,
        BidType type = BidType.Cpm, string[]? interests = null, Action<CampaignDocument>? change = null)
    {
        var campaign = new CampaignDocument
        {
            Id = DocumentIds.New(),
            AdvertiserId = "advertiser-" + name,
            Name = name,
            Currency = "USD",
            TotalBudget = total,
            DailyBudget = daily,
            Bid = bid,
            BidType = type,
            StartsAt = Now.AddDays(-1),
            EndsAt = Now.AddDays(30),
            Creative = new CampaignCreative
            {
                Headline = name + " headline",
                LandingUrl = "https://example.com/" + name,
                SponsoredInteraction = new SponsoredInteraction { Persona = $"You are {name}'s friendly guide.", Welcome = $"Hi from {name}!", SuggestedPrompts = ["What do you sell?", "Any deals?"], LandingUrl = "https://example.com/" + name + "/chat" },
            },
            Targeting = new CampaignTargeting { Interests = [.. interests ?? []] },
            FrequencyCaps = new FrequencyCaps { PerViewerPerDay = 1000, PerSession = 1000 },
            Review = ReviewStatus.Approved,
            SubmittedAt = Now,
            CreatedAt = Now,
            UpdatedAt = Now,
        };
        change?.Invoke(campaign);
        Assert.Equal(WriteOutcome.Ok, await Campaigns.InsertAsync(campaign));
        return campaign;
    }

    /// <summary>Runs the ranking job and makes the next selection read the new set.</summary>
    public async Task<AdRankingRun> RankAsync()
    {
        var run = await Job.RunAsync();
        Get<SlateCache>().Invalidate();
        return run;
    }

    public Task<AdSelection?> SelectAsync(string viewerId, string interests = "general", string? sessionId = null, PostKind? kind = PostKind.Story,
        string[]? tags = null, AgeRating rating = AgeRating.Everyone, string[]? moderation = null) =>
        Selector.SelectAsync(new AdOpportunity(viewerId, sessionId is null ? AdSurface.Feed : AdSurface.Session, interests, sessionId, "post-1", kind, tags ?? [], rating, moderation ?? []));

    public async Task<decimal> LedgerSumAsync(string campaignId) => (await Ledger.ListByCampaignAsync(campaignId)).Sum(e => e.Amount);

    public void Dispose()
    {
        host.Dispose();
        Directory.Delete(directory, recursive: true);
    }
}
