using FeedEngine.Ads.Campaigns;
using FeedEngine.Ads.Events;
using FeedEngine.Ads.Ranking;
using FeedEngine.Ads.Serving;
using FeedEngine.Engine.Abstractions.Ads;
using Microsoft.Extensions.AI;
using FeedEngine.Ads.Reports;
using FeedEngine.Ads.Review;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace FeedEngine.Ads;

public static class AdsExtensions
{
    /// <summary>
    /// Campaigns, review and reports (options from <c>Ads</c>). Needs storage (<c>AddStorage</c>) and the image pipeline
    /// (<c>AddMedia</c>) for creatives, and moderation (<c>AddSafety</c>) for their review; the host defines the advertiser and admin policies.
    /// </summary>
    public static IHostApplicationBuilder AddAds(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AdsOptions>()
            .BindConfiguration(AdsOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<CampaignService>();
        builder.Services.AddSingleton<ReviewService>();
        builder.Services.AddSingleton<CreativeModeration>();
        builder.Services.AddSingleton<ReportService>();
        builder.AddAdServing();
        builder.Services.AddProblemDetails();
        return builder;
    }

    /// <summary>
    /// Ranking, selection, events and charging (options from <c>Ads:Serving</c>). Relevance uses the registered embedding
    /// generator (MiniLM with <c>AddInference</c>), else <see cref="HashedWordEmbedder"/>. The host schedules
    /// <see cref="AdRankingJob"/> (Hangfire) and offers <see cref="SponsoredSelector"/> to the engine as <see cref="ISponsoredSelector"/>.
    /// </summary>
    static IHostApplicationBuilder AddAdServing(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AdServingOptions>()
            .BindConfiguration(AdServingOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.TryAddSingleton(Random.Shared);
        builder.Services.AddMetrics();
        builder.Services.AddSingleton(sp => new AdRelevance(
            sp.GetService<IEmbeddingGenerator<string, Embedding<float>>>() ?? new HashedWordEmbedder()));
        builder.Services.AddSingleton<SlateCache>();
        builder.Services.AddSingleton<AdSelector>();
        builder.Services.AddSingleton<BudgetCharger>();
        builder.Services.AddSingleton<AdEventService>();
        builder.Services.AddTransient<AdRankingJob>();
        builder.Services.AddSingleton<SponsoredSelector>();
        return builder;
    }

    /// <summary><c>/api/campaigns</c> (advertisers), their review (admins) and reports (advertisers).</summary>
    public static IEndpointRouteBuilder MapAdsEndpoints(this IEndpointRouteBuilder app) =>
        app.MapCampaignEndpoints().MapReviewEndpoints().MapReportEndpoints().MapAdEventEndpoints();
}
