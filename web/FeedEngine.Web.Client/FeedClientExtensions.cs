using FeedEngine.Web.Client.Feed;
using FeedEngine.Web.Client.Social;
using FeedEngine.Web.Client.Talk;
using Microsoft.Extensions.DependencyInjection;

namespace FeedEngine.Web.Client;

public static class FeedClientExtensions
{
    /// <summary>The feed's browser services: the viewer's token, the API, the hub connection and the tab's session memory.</summary>
    public static IServiceCollection AddFeedClient(this IServiceCollection services, Uri baseAddress)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddScoped(_ => new FeedHttp(new HttpClient { BaseAddress = baseAddress }));
        services.AddFeedPageServices();
        services.AddScoped<IFeedSource>(sp => sp.GetRequiredService<FeedApi>());
        return services;
    }

    /// <summary>
    /// The services the feed's pages and panels inject, registered alike in the browser and on the server (which
    /// prerenders the pages, so a service missing there makes a page answer 500). Each host adds its own
    /// <see cref="FeedHttp"/> and <see cref="IFeedSource"/>.
    /// </summary>
    public static IServiceCollection AddFeedPageServices(this IServiceCollection services)
    {
        services.AddScoped<ViewerToken>(sp => new ViewerToken(sp.GetRequiredService<FeedHttp>().Client,
            sp.GetRequiredService<Microsoft.JSInterop.IJSRuntime>(), sp.GetRequiredService<TimeProvider>()));
        services.AddScoped<FeedApi>();
        services.AddScoped<Privacy.PrivacyApi>();
        services.AddScoped<ImageUploads>();
        services.AddScoped<SessionMemory>();
        services.AddScoped<IConversationHub, SignalRConversationHub>();
        return services;
    }
}
