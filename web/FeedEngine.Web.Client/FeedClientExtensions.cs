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
        services.AddScoped<ViewerToken>(sp => new ViewerToken(sp.GetRequiredService<FeedHttp>().Client,
            sp.GetRequiredService<Microsoft.JSInterop.IJSRuntime>(), sp.GetRequiredService<TimeProvider>()));
        services.AddScoped<FeedApi>();
        services.AddScoped<Privacy.PrivacyApi>();
        services.AddScoped<ImageUploads>();
        services.AddScoped<IFeedSource>(sp => sp.GetRequiredService<FeedApi>());
        services.AddScoped<SessionMemory>();
        services.AddScoped<IConversationHub, SignalRConversationHub>();
        return services;
    }
}
