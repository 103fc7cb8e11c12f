using FeedEngine.Web.Accounts;

namespace FeedEngine.Web.Components;

public static class PagesExtensions
{
    /// <summary>The Blazor pages, their static assets and the WebAssembly parts of the feed.</summary>
    public static IEndpointRouteBuilder MapPages(this WebApplication app)
    {
        app.MapStaticAssets().AllowAnonymous();
        app.MapRazorComponents<App>()
            .AddInteractiveWebAssemblyRenderMode()
            .AddAdditionalAssemblies(typeof(Client.Feed.FeedItem).Assembly);
        app.MapSignOut();
        return app;
    }
}
