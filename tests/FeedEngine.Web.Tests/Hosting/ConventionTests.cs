using System.Net;
using System.Text.Json;
using FeedEngine.Storage.Sessions;
using FeedEngine.Web.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace FeedEngine.Web.Tests.Hosting;

[Collection(AppCollection.Name)]
public sealed class ConventionTests(FeedEngineApp app)
{
    IReadOnlyList<RouteEndpoint> Endpoints()
    {
        app.CreateClient().Dispose();
        return [.. app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()];
    }

    [Fact]
    public void EveryEndpoint_declaresAPolicyOrAnonymousAccess()
    {
        var endpoints = Endpoints();
        Assert.NotEmpty(endpoints);

        var undeclared = endpoints
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null && e.Metadata.GetOrderedMetadata<IAuthorizeData>().Count == 0)
            .Where(e => !IsFrameworkStaticFile(e))
            .Select(e => (e.RoutePattern.RawText ?? "") + " [" + e.DisplayName + "] " + string.Join("|", e.Metadata.Select(m => m.GetType().Name).Distinct()))
            .ToList();

        Assert.True(undeclared.Count == 0, "Endpoints without an explicit policy or anonymous access: " + string.Join(", ", undeclared));
    }

    /// <summary>
    /// Endpoints that Blazor adds outside any convention builder, serving only the framework's public static files:
    /// the WebAssembly resource list and, in Development, the static web assets fallback. Nothing else is exempt.
    /// </summary>
    static bool IsFrameworkStaticFile(RouteEndpoint endpoint)
    {
        var pattern = endpoint.RoutePattern.RawText ?? "";
        return pattern.StartsWith("_framework/resource-collection", StringComparison.Ordinal)
            || (pattern == "{**path:file}" && endpoint.Metadata.Any(m => m.GetType().Name == "FallbackMetadata"));
    }

    [Fact]
    public async Task OpenApi_documentCoversEveryApiEndpoint()
    {
        var response = await app.CreateClient().GetAsync("/openapi/v1.json");

        response.EnsureSuccessStatusCode();
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var paths = document.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name.TrimEnd('/')).ToHashSet();
        var apiRoutes = Endpoints()
            .Select(e => "/" + e.RoutePattern.RawText!.Trim('/'))
            .Where(r => r.StartsWith("/api/"))
            .Distinct()
            .ToList();
        Assert.Contains("/api/auth/signup", apiRoutes);
        Assert.Contains("/api/feed", apiRoutes);
        Assert.All(apiRoutes, route => Assert.Contains(route, paths));
    }

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_endpointsAnswerHealthy(string path)
    {
        var response = await app.CreateClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public void ApiJson_enumsAreCamelCaseStringsBothWays()
    {
        var options = new JsonSerializerOptions();
        ApiJson.Configure(options);

        Assert.Equal("\"inProgress\"", JsonSerializer.Serialize(TurnStatus.InProgress, options));
        Assert.Equal(TurnRole.Sponsor, JsonSerializer.Deserialize<TurnRole>("\"sponsor\"", options));
        Assert.Equal("{\"sessionId\":\"s\"}", JsonSerializer.Serialize(new { SessionId = "s" }, options));
    }

    [Fact]
    public async Task UnknownApiRoute_404()
    {
        var response = await app.CreateClient().GetAsync("/api/no-such-thing");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
