using System.Net;
using System.Net.Http.Json;
using System.Text;
using FeedEngine.Web.Accounts;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace FeedEngine.Web.Tests.Accounts;

[Collection(AppCollection.Name)]
public sealed class TokenTests(FeedEngineApp app)
{
    [Fact]
    public async Task Token_rightPassword_tokenThatTheApiAccepts()
    {
        var (_, account, email, password) = await app.SignUpAsync();

        var response = await app.CreateClient().PostAsJsonAsync("/api/auth/token", new { email, password });

        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<TokenResponse>())!;
        var me = await app.CreateClient(token.AccessToken).GetFromJsonAsync<AccountView>("/api/auth/me");
        Assert.Equal(account.UserId, me!.UserId);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Token_wrongPasswordOrUnknownEmail_401WithTheSameMessage(bool knownEmail)
    {
        var (_, _, email, _) = await app.SignUpAsync();

        var response = await app.CreateClient().PostAsJsonAsync("/api/auth/token",
            new { email = knownEmail ? email : "nobody-" + email, password = "not the password" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("The e-mail address or the password is wrong.", (await Problem.ReadAsync(response)).Detail);
    }

    [Fact]
    public async Task Guest_tokenThatTheApiAccepts()
    {
        var response = await app.CreateClient().PostAsync("/api/auth/guest", null);

        response.EnsureSuccessStatusCode();
        var guest = (await response.Content.ReadFromJsonAsync<GuestResponse>())!;
        var me = await app.CreateClient(guest.AccessToken).GetFromJsonAsync<AccountView>("/api/auth/me");
        Assert.Equal(guest.ViewerId, me!.UserId);
        Assert.True(me.IsGuest);
        Assert.Equal(["viewer"], me.Roles);
    }

    [Fact]
    public async Task Guest_claim_keepsTheViewerIdAndSignsInWithTheNewPassword()
    {
        var guest = (await (await app.CreateClient().PostAsync("/api/auth/guest", null)).Content.ReadFromJsonAsync<GuestResponse>())!;
        var email = $"claimed-{Guid.NewGuid():n}@example.com";

        var claim = await app.CreateClient(guest.AccessToken).PostAsJsonAsync("/api/auth/claim",
            new { email, password = "a fine new password", displayName = "Former Guest", role = "viewer" });

        claim.EnsureSuccessStatusCode();
        var token = await app.CreateClient().PostAsJsonAsync("/api/auth/token", new { email, password = "a fine new password" });
        var signedIn = (await token.Content.ReadFromJsonAsync<TokenResponse>())!;
        Assert.Equal(guest.ViewerId, signedIn.UserId);
        // The guest token carried the old security stamp; the claim revoked it.
        var old = await app.CreateClient(guest.AccessToken).GetAsync("/api/auth/me");
        Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
    }

    public static TheoryData<string> ForgedTokens()
    {
        var otherKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(new string('k', 64)));
        var forged = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "feedengine",
            Audience = "feedengine",
            Claims = new Dictionary<string, object> { ["sub"] = "someone", ["role"] = "admin", ["stamp"] = "x" },
            Expires = DateTime.UtcNow.AddHours(1),
            SigningCredentials = new SigningCredentials(otherKey, SecurityAlgorithms.HmacSha256),
        });
        var unsigned = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "feedengine",
            Audience = "feedengine",
            Claims = new Dictionary<string, object> { ["sub"] = "someone", ["role"] = "admin" },
        });
        return ["not-a-token", "a.b.c", forged, unsigned, new string('A', 5000)];
    }

    [Theory, MemberData(nameof(ForgedTokens))]
    public async Task Api_malformedOrForgedToken_401WithAMessage(string token)
    {
        var response = await app.CreateClient(token).GetAsync("/api/auth/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("access token", (await Problem.ReadAsync(response)).Detail);
    }

    [Fact]
    public async Task Api_tamperedPayloadOfARealToken_401()
    {
        var (_, account, _, _) = await app.SignUpAsync();
        var parts = account.AccessToken.Split('.');
        var payload = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts[1])).Replace("\"viewer\"", "\"admin\"");
        var tampered = $"{parts[0]}.{Base64UrlEncoder.Encode(payload)}.{parts[2]}";

        var response = await app.CreateClient(tampered).GetAsync("/api/auth/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Api_noToken_401WithHowToSignIn()
    {
        var response = await app.CreateClient().GetAsync("/api/auth/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("/api/auth/guest", (await Problem.ReadAsync(response)).Detail);
    }

    [Fact]
    public async Task SignOut_revokesEveryTokenOfTheAccountButNoOtherAccounts()
    {
        var (client, account, email, password) = await app.SignUpAsync();
        var (other, _, _, _) = await app.SignUpAsync();
        var secondDevice = app.CreateClient((await (await app.CreateClient().PostAsJsonAsync("/api/auth/token", new { email, password })).Content.ReadFromJsonAsync<TokenResponse>())!.AccessToken);

        var signOut = await client.PostAsync("/api/auth/signout", null);

        Assert.Equal(HttpStatusCode.NoContent, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient(account.AccessToken).GetAsync("/api/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await secondDevice.GetAsync("/api/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/api/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().PostAsJsonAsync("/api/auth/token", new { email, password })).StatusCode);
    }

    [Fact]
    public async Task Admin_namedInConfiguration_getsTheAdminRole()
    {
        var (admin, _) = await app.SignInAsAdminAsync();

        var account = await admin.GetFromJsonAsync<AccountView>("/api/auth/me");

        Assert.Contains("admin", account!.Roles);
    }
}
