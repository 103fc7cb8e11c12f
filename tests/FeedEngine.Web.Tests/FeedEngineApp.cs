using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using FeedEngine.Web.Accounts;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;

namespace FeedEngine.Web.Tests;

/// <summary>
/// The real FeedEngine app on the embedded store in a fresh temp folder, with its co-hosted silo on free ports.
/// One instance is shared by a test collection; tests create their own users so they do not interfere.
/// </summary>
public class FeedEngineApp : KestrelAppFactory
{
    public const string AdminEmail = "admin@feedengine.test";
    public const string AdminPassword = "admin password here";
    readonly SemaphoreSlim adminGate = new(1, 1);

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "feedengine-tests", Guid.NewGuid().ToString("n"));

    protected virtual IEnumerable<KeyValuePair<string, string?>> Settings() =>
    [
        new("Storage:DataDirectory", DataDirectory),
        new("Orleans:SiloPort", FreePort().ToString()),
        new("Orleans:GatewayPort", FreePort().ToString()),
        new("Orleans:ClusterId", "test-" + Guid.NewGuid().ToString("n")),
        new("Auth:Admins:0", AdminEmail),
        new("Auth:AuthRequestsPerMinute", "100000"),
        new("Safety:RateLimits:UserRequestsPerMinute", "100000"),
        new("Safety:RateLimits:AnonymousRequestsPerMinute", "100000"),
        new("Safety:RateLimits:ReportsPerHour", "100000"),
        // Tests run the ranking job by calling it; a scheduled run racing a test's own run would make that run lose.
        new("Ads:Serving:RankingCron", "0 0 31 2 *"),
    ];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(Settings()));
    }

    /// <summary>Signs up a new account with a unique address and returns a client carrying its token.</summary>
    public async Task<(HttpClient Client, SignupResponse Account, string Email, string Password)> SignUpAsync(string role = "viewer", int? birthYear = null)
    {
        var email = $"user-{Guid.NewGuid():n}@example.com";
        const string password = "correct horse battery";
        var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/auth/signup", new { email, password, displayName = "Test Person", birthYear, role });
        response.EnsureSuccessStatusCode();
        var account = (await response.Content.ReadFromJsonAsync<SignupResponse>())!;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", account.AccessToken);
        return (client, account, email, password);
    }

    /// <summary>
    /// A client with a token of the admin named in <c>Auth:Admins</c>. The account is signed up by the first caller; every test
    /// shares it, so none may change its password.
    /// </summary>
    public async Task<(HttpClient Client, TokenResponse Token)> SignInAsAdminAsync()
    {
        await adminGate.WaitAsync();
        try
        {
            var anonymous = CreateClient();
            var signup = await anonymous.PostAsJsonAsync("/api/auth/signup", new { email = AdminEmail, password = AdminPassword, displayName = "Ada Admin", role = "viewer" });
            if (signup.StatusCode != HttpStatusCode.Conflict) signup.EnsureSuccessStatusCode();
            var response = await anonymous.PostAsJsonAsync("/api/auth/token", new { email = AdminEmail, password = AdminPassword });
            response.EnsureSuccessStatusCode();
            var token = (await response.Content.ReadFromJsonAsync<TokenResponse>())!;
            return (CreateClient(token.AccessToken), token);
        }
        finally
        {
            adminGate.Release();
        }
    }

    public HttpClient CreateClient(string accessToken)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a closing handle; the temp folder is cleaned by the OS.
        }
    }
}

[CollectionDefinition(Name)]
public sealed class AppCollection : ICollectionFixture<FeedEngineApp>
{
    public const string Name = "app";
}
