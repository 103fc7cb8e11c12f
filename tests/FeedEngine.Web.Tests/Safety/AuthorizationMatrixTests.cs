using System.Net;
using System.Net.Http.Headers;
using System.Reflection;
using System.Text.Json;
using FeedEngine.Storage.Users;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;

namespace FeedEngine.Web.Tests.Safety;

/// <summary>
/// Every mapped endpoint, called over HTTP as each role: anonymous, guest, viewer, creator, advertiser, admin. The
/// expectation comes from the endpoint's declared authorization (its policies); the test proves the app enforces it:
/// those outside the policy get 401 (no token) or 403 (a token without the role), those inside never do.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class AuthorizationMatrixTests(FeedEngineApp app)
{
    public enum Role { Anonymous, Guest, Viewer, Creator, Advertiser, Admin }

    static readonly Role[] SignedIn = [Role.Guest, Role.Viewer, Role.Creator, Role.Advertiser, Role.Admin];

    /// <summary>Who each policy admits. A new policy must be added here, or the matrix test fails and says so.</summary>
    static readonly Dictionary<string, Role[]> PolicyRoles = new()
    {
        [Policies.Viewer] = SignedIn,
        [Policies.Member] = [Role.Viewer, Role.Creator, Role.Advertiser, Role.Admin],
        [Policies.Creator] = [Role.Creator, Role.Admin],
        [Policies.Advertiser] = [Role.Advertiser, Role.Admin],
        [Policies.Admin] = [Role.Admin],
    };

    /// <summary>
    /// Extension point for the hub (issue 5): every public method of every hub needs declared authorization and a probe
    /// here (its arguments), so the matrix can call it as each role. Add entries as "{Hub}.{Method}".
    /// </summary>
    public static readonly Dictionary<string, object?[]> HubProbes = new()
    {
        ["FeedHub.StartSession"] = ["demo-lighthouse"],
        ["FeedHub.NewSession"] = ["demo-lighthouse"],
        ["FeedHub.Send"] = ["matrix-probe", "hello", null],
        ["FeedHub.Resume"] = ["matrix-probe", 0L],
        ["FeedHub.Cancel"] = ["matrix-probe"],
        ["FeedHub.Regenerate"] = ["matrix-probe", 2L],
        ["FeedHub.Branch"] = ["matrix-probe", 0L],
        ["FeedHub.SwitchBranch"] = ["matrix-probe", "main"],
        ["FeedHub.ShareSession"] = ["matrix-probe"],
        ["FeedHub.JoinSession"] = ["ABCDEFGHJK"],
        ["FeedHub.RemoveParticipant"] = ["matrix-probe", "someone"],
        ["FeedHub.CloseRoom"] = ["matrix-probe"],
    };

    /// <summary>The roles an endpoint admits: null when it allows anonymous callers.</summary>
    public static IReadOnlySet<Role>? AllowedRoles(Endpoint endpoint)
    {
        if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null) return null;
        var data = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>();
        if (data.Count == 0) throw new InvalidOperationException($"{endpoint.DisplayName} declares no authorization.");
        IEnumerable<Role> allowed = SignedIn;
        foreach (var authorize in data)
        {
            var byPolicy = authorize.Policy is null ? SignedIn
                : PolicyRoles.TryGetValue(authorize.Policy, out var roles) ? roles
                : throw new InvalidOperationException($"Policy '{authorize.Policy}' of {endpoint.DisplayName} is not in the matrix: add it to PolicyRoles.");
            allowed = allowed.Intersect(byPolicy);
            if (authorize.Roles is { } named)
            {
                var names = named.Split(',', StringSplitOptions.TrimEntries);
                allowed = allowed.Where(r => names.Contains(r.ToString(), StringComparer.OrdinalIgnoreCase) || (r == Role.Admin && names.Contains(UserRoles.Admin)));
            }
        }
        return allowed.ToHashSet();
    }

    IReadOnlyList<RouteEndpoint> Endpoints()
    {
        app.CreateClient().Dispose();
        return [.. app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => !IsStaticFile(e))];
    }

    /// <summary>Static files (the app's and the framework's) are public by design and many; they are not probed.</summary>
    static bool IsStaticFile(RouteEndpoint endpoint)
    {
        var pattern = endpoint.RoutePattern.RawText ?? "";
        return pattern.Contains('.') || pattern.StartsWith("_framework", StringComparison.Ordinal) || pattern.StartsWith("_content", StringComparison.Ordinal)
            || pattern.Contains("**", StringComparison.Ordinal);
    }

    async Task<Dictionary<Role, string?>> TokensAsync()
    {
        var tokens = new Dictionary<Role, string?> { [Role.Anonymous] = null };
        var guest = await app.CreateClient().PostAsync("/api/auth/guest", null);
        tokens[Role.Guest] = JsonDocument.Parse(await guest.Content.ReadAsStringAsync()).RootElement.GetProperty("accessToken").GetString();
        tokens[Role.Viewer] = (await app.SignUpAsync("viewer")).Account.AccessToken;
        tokens[Role.Creator] = (await app.SignUpAsync("creator")).Account.AccessToken;
        tokens[Role.Advertiser] = (await app.SignUpAsync("advertiser")).Account.AccessToken;
        tokens[Role.Admin] = (await SafetyApi.AdminAsync(app)).DefaultRequestHeaders.Authorization!.Parameter;
        return tokens;
    }

    static string Url(RoutePattern pattern) =>
        "/" + string.Join("/", pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternParameterPart => "matrix-probe",
            RoutePatternSeparatorPart separator => separator.Content,
            _ => "",
        }))));

    [Fact]
    public async Task EveryEndpoint_rejectsTheRolesItsPolicyLeavesOut_andAdmitsTheOthers()
    {
        var tokens = await TokensAsync();
        var failures = new List<string>();
        var probed = 0;
        foreach (var endpoint in Endpoints())
        {
            var allowed = AllowedRoles(endpoint);
            var url = Url(endpoint.RoutePattern);
            var isPage = endpoint.Metadata.GetMetadata<ComponentTypeMetadata>() is not null;
            foreach (var method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"])
            {
                foreach (var role in Enum.GetValues<Role>())
                {
                    var status = await CallAsync(method, url, tokens[role]);
                    probed++;
                    var admitted = allowed is null || allowed.Contains(role);
                    var expected = admitted ? "not 401/403" : role == Role.Anonymous ? (isPage ? "302 to sign-in" : "401") : "403";
                    // 401 "Not signed in" and 403 "Not allowed" are the authentication handler's answers; an endpoint's own
                    // outcome (a wrong password is a 401 "Sign-in failed") is not an authorization refusal.
                    var challenged = status.Code == HttpStatusCode.Unauthorized && status.Title == "Not signed in";
                    var forbidden = status.Code == HttpStatusCode.Forbidden && status.Title == "Not allowed";
                    var ok = admitted
                        ? !challenged && !forbidden && !status.ToSignIn
                        : role == Role.Anonymous
                            ? (isPage ? status.ToSignIn : challenged)
                            : forbidden;
                    if (!ok) failures.Add($"{method} {url} as {role}: expected {expected}, got {(int)status.Code}");
                }
            }
            // Signing out everywhere and deleting the account revoke the caller's token: the next endpoints get fresh ones.
            if (url is "/api/auth/signout" or "/api/me/account") tokens = await TokensAsync();
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True(probed > 100, $"only {probed} calls");
    }

    async Task<(HttpStatusCode Code, bool ToSignIn, string? Title)> CallAsync(string method, string url, string? token)
    {
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (method is "POST" or "PUT" or "PATCH") request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        using var response = await client.SendAsync(request);
        var location = response.Headers.Location?.ToString() ?? "";
        string? title = null;
        if (response.Content.Headers.ContentType?.MediaType == "application/problem+json")
            title = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.TryGetProperty("title", out var t) ? t.GetString() : null;
        return (response.StatusCode, response.StatusCode == HttpStatusCode.Redirect && location.Contains("/account/signin", StringComparison.Ordinal), title);
    }

    [Fact]
    public void Matrix_coversEveryPolicyAndKnowsTheKeyEndpoints()
    {
        var endpoints = Endpoints();
        IReadOnlySet<Role>? Expect(string method, string path) => AllowedRoles(endpoints.Single(e =>
            "/" + e.RoutePattern.RawText?.TrimStart('/') == path
            && (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains(method) ?? true)));

        Assert.Null(Expect("POST", "/api/auth/signup"));
        Assert.Null(Expect("GET", "/api/feed"));
        Assert.Equal([Role.Admin], Expect("GET", "/api/admin/reports")!);
        Assert.Equal([Role.Admin], Expect("POST", "/api/admin/reports/{reportId}/suspend")!);
        Assert.Equal(SignedIn.ToHashSet(), Expect("POST", "/api/reports")!);
        Assert.Equal([Role.Creator, Role.Admin], Expect("GET", "/api/reports/about-my-posts")!.Order());
        Assert.Equal([Role.Admin], Expect("GET", "/admin/reports")!);
    }

    [Fact]
    public void EveryHubMethod_declaresAuthorization_andHasAMatrixProbe()
    {
        var hubs = typeof(Program).Assembly.GetTypes().Where(t => typeof(Hub).IsAssignableFrom(t) && !t.IsAbstract).ToList();
        var missing = new List<string>();
        foreach (var hub in hubs)
        {
            var hubAuthorized = hub.GetCustomAttributes<AuthorizeAttribute>().Any();
            foreach (var method in hub.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                         .Where(m => !m.IsSpecialName && m.GetBaseDefinition().DeclaringType == hub)) // lifecycle overrides (OnDisconnectedAsync) are not callable
            {
                var name = $"{hub.Name}.{method.Name}";
                if (!hubAuthorized && !method.GetCustomAttributes<AuthorizeAttribute>().Any() && !method.GetCustomAttributes<AllowAnonymousAttribute>().Any())
                    missing.Add($"{name} declares no authorization");
                if (!HubProbes.ContainsKey(name)) missing.Add($"{name} has no entry in AuthorizationMatrixTests.HubProbes");
            }
        }
        Assert.True(missing.Count == 0, string.Join("\n", missing));
    }
}
