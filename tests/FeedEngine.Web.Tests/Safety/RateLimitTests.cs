using System.Net;
using System.Net.Http.Json;
using FeedEngine.Safety;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace FeedEngine.Web.Tests.Safety;

/// <summary>The app with small limits and a safety clock the tests move, so windows pass without sleeping.</summary>
public sealed class RateLimitedApp : FeedEngineApp
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
    [
        .. base.Settings().Where(s => !s.Key.StartsWith("Safety:RateLimits", StringComparison.Ordinal) && s.Key != "Auth:AuthRequestsPerMinute"),
        new("Safety:RateLimits:UserRequestsPerMinute", "5"),
        new("Safety:RateLimits:AnonymousRequestsPerMinute", "4"),
        new("Safety:RateLimits:ReportsPerHour", "2"),
        new("Auth:AuthRequestsPerMinute", "1000"),
        new("Demo:Seed", "false"),
    ];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(s => s.AddKeyedSingleton<TimeProvider>(SafetyExtensions.ClockKey, Clock));
    }
}

public sealed class RateLimitTests(RateLimitedApp app) : IClassFixture<RateLimitedApp>
{
    static async Task AssertTooManyAsync(HttpResponseMessage response, int maxSeconds)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        var retryAfter = int.Parse(Assert.Single(response.Headers.GetValues("Retry-After")));
        Assert.InRange(retryAfter, 1, maxSeconds);
        var problem = await Problem.ReadAsync(response);
        Assert.Equal(429, problem.Status);
        Assert.Contains($"Wait {retryAfter} seconds", problem.Detail);
    }

    [Fact]
    public async Task PerUser_limitGives429WithRetryAfter_otherUsersUnaffected_andRecoversAfterTheWindow()
    {
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        var (me, _, _, _) = await app.SignUpAsync();
        var (other, _, _, _) = await app.SignUpAsync();

        for (var i = 0; i < 5; i++) Assert.Equal(HttpStatusCode.OK, (await me.GetAsync("/api/auth/me")).StatusCode);
        app.Clock.Advance(TimeSpan.FromSeconds(20));
        var limited = await me.GetAsync("/api/auth/me");

        await AssertTooManyAsync(limited, 40);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/api/auth/me")).StatusCode);

        app.Clock.Advance(TimeSpan.FromSeconds(41));
        Assert.Equal(HttpStatusCode.OK, (await me.GetAsync("/api/auth/me")).StatusCode);
    }

    [Fact]
    public async Task PerAddress_anonymousCallersShareTheAddressLimit_andRecover()
    {
        // Sign-ups above ran as anonymous callers too: start from a fresh window.
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        for (var i = 0; i < 4; i++) Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync("/api/feed")).StatusCode);

        await AssertTooManyAsync(await app.CreateClient().GetAsync("/api/feed"), 60);
        // Pages are not counted: a page load fetches many framework files.
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync("/account/signin")).StatusCode);

        app.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync("/api/feed")).StatusCode);
    }

    [Fact]
    public async Task Reports_perHourPolicy_gives429WithRetryAfter()
    {
        app.Clock.Advance(TimeSpan.FromHours(2));
        var (viewer, _, _, _) = await app.SignUpAsync();
        app.Clock.Advance(TimeSpan.FromMinutes(2));

        for (var i = 0; i < 2; i++)
            Assert.Equal(HttpStatusCode.NotFound, (await viewer.PostAsJsonAsync("/api/reports", new { postId = $"missing-{i}", reason = "spam" })).StatusCode);
        var limited = await viewer.PostAsJsonAsync("/api/reports", new { postId = "missing", reason = "spam" });

        await AssertTooManyAsync(limited, 3600);
    }
}

/// <summary>The framework limiters (sign-in per address) answer through the same handler: ProblemDetails and Retry-After.</summary>
public sealed class AuthRateLimitTests(AuthRateLimitTests.App app) : IClassFixture<AuthRateLimitTests.App>
{
    public sealed class App : FeedEngineApp
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
            [.. base.Settings().Where(s => s.Key != "Auth:AuthRequestsPerMinute"), new("Auth:AuthRequestsPerMinute", "3"), new("Demo:Seed", "false")];
    }

    [Fact]
    public async Task SignIn_overTheLimit_is429WithRetryAfter()
    {
        var client = app.CreateClient();
        for (var i = 0; i < 3; i++) await client.PostAsJsonAsync("/api/auth/token", new { email = "x@example.com", password = "wrong password" });

        var limited = await client.PostAsJsonAsync("/api/auth/token", new { email = "x@example.com", password = "wrong password" });

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.InRange(int.Parse(Assert.Single(limited.Headers.GetValues("Retry-After"))), 1, 60);
        Assert.Equal(429, (await Problem.ReadAsync(limited)).Status);
    }
}
