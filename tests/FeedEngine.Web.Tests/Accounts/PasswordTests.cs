using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using FeedEngine.Web.Accounts;

namespace FeedEngine.Web.Tests.Accounts;

[Collection(AppCollection.Name)]
public sealed partial class PasswordTests(FeedEngineApp app)
{
    [Fact]
    public async Task ChangePassword_revokesOtherTokensAndTheNewPasswordWorks()
    {
        var (client, account, email, password) = await app.SignUpAsync();
        var otherDevice = app.CreateClient(account.AccessToken);

        var change = await client.PostAsJsonAsync("/api/auth/password", new { currentPassword = password, newPassword = "brand new password" });

        change.EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.Unauthorized, (await otherDevice.GetAsync("/api/auth/me")).StatusCode);
        var signIn = await app.CreateClient().PostAsJsonAsync("/api/auth/token", new { email, password = "brand new password" });
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        var oldPassword = await app.CreateClient().PostAsJsonAsync("/api/auth/token", new { email, password });
        Assert.Equal(HttpStatusCode.Unauthorized, oldPassword.StatusCode);
    }

    [Fact]
    public async Task ChangePassword_wrongCurrentPassword_400AndPasswordUnchanged()
    {
        var (client, _, email, password) = await app.SignUpAsync();

        var change = await client.PostAsJsonAsync("/api/auth/password", new { currentPassword = "guess guess", newPassword = "brand new password" });

        Assert.Equal(HttpStatusCode.BadRequest, change.StatusCode);
        Assert.Equal("The current password is wrong.", (await Problem.ReadAsync(change)).Detail);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().PostAsJsonAsync("/api/auth/token", new { email, password })).StatusCode);
    }

    [Fact]
    public async Task ChangePassword_asGuest_forbidden()
    {
        var guest = (await (await app.CreateClient().PostAsync("/api/auth/guest", null)).Content.ReadFromJsonAsync<GuestResponse>())!;

        var change = await app.CreateClient(guest.AccessToken).PostAsJsonAsync("/api/auth/password", new { currentPassword = "x", newPassword = "brand new password" });

        Assert.Equal(HttpStatusCode.Forbidden, change.StatusCode);
    }

    [Fact]
    public async Task PasswordReset_mailsALinkToThePickupFolder_andTheLinkWorksOnce()
    {
        var (_, _, email, _) = await app.SignUpAsync();

        var request = await app.CreateClient().PostAsJsonAsync("/api/auth/password-reset", new { email });

        Assert.Equal(HttpStatusCode.Accepted, request.StatusCode);
        var mail = FindMail(email);
        var link = ResetLink().Match(mail);
        Assert.True(link.Success, mail);
        var token = Uri.UnescapeDataString(link.Groups["token"].Value);

        var confirm = await app.CreateClient().PostAsJsonAsync("/api/auth/password-reset/confirm", new { email, token, newPassword = "reset password 1" });
        Assert.Equal(HttpStatusCode.NoContent, confirm.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().PostAsJsonAsync("/api/auth/token", new { email, password = "reset password 1" })).StatusCode);

        var again = await app.CreateClient().PostAsJsonAsync("/api/auth/password-reset/confirm", new { email, token, newPassword = "reset password 2" });
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("invalid or has expired", (await Problem.ReadAsync(again)).Detail);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("")]
    public async Task PasswordReset_badToken_400AndPasswordUnchanged(string token)
    {
        var (_, _, email, password) = await app.SignUpAsync();

        var confirm = await app.CreateClient().PostAsJsonAsync("/api/auth/password-reset/confirm", new { email, token, newPassword = "reset password 1" });

        Assert.Equal(HttpStatusCode.BadRequest, confirm.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().PostAsJsonAsync("/api/auth/token", new { email, password })).StatusCode);
    }

    [Fact]
    public async Task PasswordReset_unknownAddress_sameAnswerAndNoMail()
    {
        var email = $"nobody-{Guid.NewGuid():n}@example.com";

        var request = await app.CreateClient().PostAsJsonAsync("/api/auth/password-reset", new { email });

        Assert.Equal(HttpStatusCode.Accepted, request.StatusCode);
        var folder = Path.Combine(app.DataDirectory, "mail");
        Assert.DoesNotContain(Directory.Exists(folder) ? Directory.GetFiles(folder) : [], f => File.ReadAllText(f).Contains(email));
    }

    string FindMail(string email)
    {
        var folder = Path.Combine(app.DataDirectory, "mail");
        return Directory.GetFiles(folder, "*.eml").Select(File.ReadAllText).Single(text => text.Contains($"To: {email}"));
    }

    [GeneratedRegex(@"/account/reset\?email=[^&\s]+&token=(?<token>[^\s]+)")]
    private static partial Regex ResetLink();
}
