using System.Text.Json;
using System.Text.Json.Serialization;
using FeedEngine.Storage;
using Microsoft.AspNetCore.DataProtection;
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

        var dataDirectory = builder.Configuration[$"{StorageOptions.SectionName}:{nameof(StorageOptions.DataDirectory)}"] ?? new StorageOptions().DataDirectory;
        builder.Services.AddDataProtection()
            .SetApplicationName("FeedEngine")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(Path.GetFullPath(dataDirectory), "keys")));

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
        var options = builder.Configuration.GetSection(SiloHostOptions.SectionName).Get<SiloHostOptions>() ?? new SiloHostOptions();
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort, serviceId: "feedengine", clusterId: options.ClusterId);
            silo.Configure<ClusterMembershipOptions>(m => m.DefunctSiloExpiration = TimeSpan.FromMinutes(5));
        });
        return builder;
    }

    public static WebApplication UseWebHost(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        if (!app.Environment.IsDevelopment()) app.UseHsts();
        return app;
    }

    public static IEndpointRouteBuilder MapWebHostEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi().AllowAnonymous();
        app.MapHealthChecks("/health/live", new() { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready").AllowAnonymous();
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
