using FeedEngine.Web.Accounts;
using Microsoft.AspNetCore.Components.Endpoints;

namespace FeedEngine.Web.Components;

public static class PagesExtensions
{
    /// <summary>The Blazor pages, their static assets and the WebAssembly parts of the feed.</summary>
    public static IEndpointRouteBuilder MapPages(this WebApplication app)
    {
        app.MapStaticAssets().AllowAnonymous();
        var components = app.MapRazorComponents<App>()
            .AddInteractiveWebAssemblyRenderMode()
            .AddAdditionalAssemblies(typeof(Client.Feed.FeedItem).Assembly);
        // Pages declare their access with [Authorize] or [AllowAnonymous]; the framework's own endpoints
        // (WebAssembly files, resource collections) are public.
        ((IEndpointConventionBuilder)components).Add(endpoint =>
        {
            if (!endpoint.Metadata.OfType<ComponentTypeMetadata>().Any())
                endpoint.Metadata.Add(new Microsoft.AspNetCore.Authorization.AllowAnonymousAttribute());
        });
        app.MapSignOut();
        return app;
    }
}
