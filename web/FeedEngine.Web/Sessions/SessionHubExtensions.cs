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
        builder.Services.AddOptions<TalkingNowOptions>().BindConfiguration(TalkingNowOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<TalkingNowTracker>();
        builder.Services.AddHostedService<TalkingNowReporter>();
        return builder;
    }

    public static IEndpointRouteBuilder MapFeedHub(this IEndpointRouteBuilder app)
    {
        // WebSockets only: a client connects with negotiation skipped, so any node behind a plain round-robin entry point
        // can take the connection (no sticky sessions); the session itself lives in the Orleans cluster, reached from every node.
        app.MapHub<FeedHub>("/hubs/feed", o => o.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets)
            .RequireAuthorization(Policies.Viewer);
        return app;
    }
}
