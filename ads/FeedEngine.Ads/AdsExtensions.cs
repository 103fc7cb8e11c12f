using FeedEngine.Ads.Campaigns;
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
    /// (<c>AddMedia</c>) for creatives; the host defines the advertiser and admin policies.
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
        builder.Services.AddSingleton<ReportService>();
        builder.Services.AddProblemDetails();
        return builder;
    }

    /// <summary><c>/api/campaigns</c> (advertisers), their review (admins) and reports (advertisers).</summary>
    public static IEndpointRouteBuilder MapAdsEndpoints(this IEndpointRouteBuilder app) =>
        app.MapCampaignEndpoints().MapReviewEndpoints().MapReportEndpoints();
}
