using System.Net;
using System.Net.Http.Json;
using FeedEngine.Web.Accounts;

namespace FeedEngine.Web.Tests.Ads;

/// <summary>The admin named in <c>Auth:Admins</c> (<see cref="FeedEngineApp.AdminEmail"/>): signed up once per app, then signed in.</summary>
static class AdminAccount
{
    public const string Password = "admin password for tests";
    static readonly SemaphoreSlim Gate = new(1, 1);

    public static async Task<(HttpClient Client, string UserId)> SignInAsync(FeedEngineApp app)
    {
        await Gate.WaitAsync();
        try
        {
            var anonymous = app.CreateClient();
            var signup = await anonymous.PostAsJsonAsync("/api/auth/signup",
                new { email = FeedEngineApp.AdminEmail, password = Password, displayName = "Ada Admin", role = "viewer" });
            Assert.True(signup.IsSuccessStatusCode || signup.StatusCode == HttpStatusCode.Conflict, await signup.Content.ReadAsStringAsync());
            var token = await anonymous.PostAsJsonAsync("/api/auth/token", new { email = FeedEngineApp.AdminEmail, password = Password });
            token.EnsureSuccessStatusCode();
            var issued = (await token.Content.ReadFromJsonAsync<TokenResponse>())!;
            return (app.CreateClient(issued.AccessToken), issued.UserId);
        }
        finally
        {
            Gate.Release();
        }
    }
}
