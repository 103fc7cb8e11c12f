using System.Text.Json;
using System.Text.Json.Serialization;
using FeedEngine.Storage;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Orleans.Configuration;

namespace FeedEngine.Web.Hosting;

public static class WebHostExtensions
{
    /// <summary>JSON conventions (camelCase, enums as camelCase strings), ProblemDetails, OpenAPI, health, telemetry.</summary>
    public static IHostApplicationBuilder AddWebHost(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<JsonOptions>(o => ApiJson.Configure(o.SerializerOptions));
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "FeedEngine API";
            document.Info.Description = "Interactive AI posts for social feeds: accounts, feed, images, posts, campaigns.";
            return Task.CompletedTask;
        }));
        builder.Services.AddHealthChecks();
        builder.Services.AddRateLimiter(o => o.RejectionStatusCode = StatusCodes.Status429TooManyRequests);
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddAccessTokenLogRedaction();

        // Cookie, antiforgery and reset-link keys and the token-signing key live in the store, shared by every node.
        builder.AddSharedKeys();

        // Outside Development, `dotnet run` still serves the build's static web assets (a no-op once published).
        if (builder is WebApplicationBuilder web) web.WebHost.UseStaticWebAssets();
        builder.Services.AddRazorComponents().AddInteractiveWebAssemblyComponents();
        builder.Services.AddCascadingAuthenticationState();

        builder.Services.AddOpenTelemetry()
            .WithMetrics(m => m.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddRuntimeInstrumentation().AddMeter("FeedEngine.*"))
            .WithTracing(t => t.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddSource("FeedEngine.*"));
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
            builder.Services.AddOpenTelemetry().WithMetrics(m => m.AddOtlpExporter()).WithTracing(t => t.AddOtlpExporter());
        return builder;
    }

    /// <summary>The Orleans silo, co-hosted in the web app (localhost clustering by default).</summary>
    public static IHostApplicationBuilder AddSilo(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SiloHostOptions>()
            .BindConfiguration(SiloHostOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        // The clustering choice is made while the host is built; the ports and ids below are read from options at start.
        var redis = builder.Configuration[$"{SiloHostOptions.SectionName}:{nameof(SiloHostOptions.Redis)}"];
        builder.UseOrleans(silo =>
        {
            if (string.IsNullOrWhiteSpace(redis)) silo.UseLocalhostClustering();
            else silo.UseRedisClustering(redis);
            // Ports and ids come from options at start, after UseLocalhostClustering's defaults.
            silo.Services.AddOptions<EndpointOptions>().Configure<IOptions<SiloHostOptions>>((o, host) =>
            {
                o.SiloPort = host.Value.SiloPort;
                o.GatewayPort = host.Value.GatewayPort;
            });
            silo.Services.AddOptions<DevelopmentClusterMembershipOptions>().Configure<IOptions<SiloHostOptions>>((o, host) =>
                o.PrimarySiloEndpoint = new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, host.Value.SiloPort));
            silo.Services.AddOptions<ClusterOptions>().Configure<IOptions<SiloHostOptions>>((o, host) =>
            {
                o.ClusterId = host.Value.ClusterId;
                o.ServiceId = "feedengine";
            });
        });
        return builder;
    }

    public static WebApplication UseWebHost(this WebApplication app)
    {
        app.UseContentSecurityPolicy();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRequestSizeLimits();
        if (!app.Environment.IsDevelopment()) app.UseHsts();
        return app;
    }

    public static IEndpointRouteBuilder MapWebHostEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi().AllowAnonymous();
        app.MapHealthChecks("/health/live", new() { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready").AllowAnonymous();
        app.MapModelStatusEndpoints();
        return app;
    }
}

/// <summary>The one JSON shape of the public API and the hub: camelCase names, enums as camelCase strings.</summary>
public static class ApiJson
{
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DictionaryKeyPolicy = JsonNamingPolicy.CamelCase;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
    }
}
