using System.Text.Json.Serialization;
using FeedEngine.Storage.Users;
using FeedEngine.Web.Hosting;

namespace FeedEngine.Web.Sessions;

public static class SessionHubExtensions
{
    /// <summary>The largest message a client may send the hub (SignalR's default, kept explicit).</summary>
    public const int MaxReceiveMessageBytes = 32 * 1024;

    /// <summary>SignalR with the API's JSON conventions (camelCase, enums as camelCase strings, nulls left out).</summary>
    public static IHostApplicationBuilder AddFeedHub(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSignalR(o =>
            {
                o.MaximumReceiveMessageSize = MaxReceiveMessageBytes;
                o.EnableDetailedErrors = false;
            })
            .AddJsonProtocol(o =>
            {
                ApiJson.Configure(o.PayloadSerializerOptions);
                o.PayloadSerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
            });
        return builder;
    }

    public static IEndpointRouteBuilder MapFeedHub(this IEndpointRouteBuilder app)
    {
        app.MapHub<FeedHub>("/hubs/feed").RequireAuthorization(Policies.Viewer);
        return app;
    }
}
