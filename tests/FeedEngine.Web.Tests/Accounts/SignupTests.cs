using System.Net;
using System.Net.Http.Json;
using System.Text;
using FeedEngine.Storage.Users;
using FeedEngine.Web.Accounts;
using Microsoft.Extensions.DependencyInjection;

namespace FeedEngine.Web.Tests.Accounts;

[Collection(AppCollection.Name)]
public sealed class SignupTests(FeedEngineApp app)
{
    IUserRepository Users => app.Services.GetRequiredService<IUserRepository>();

    [Fact]
    public async Task Signup_valid_returnsTokenThatTheApiAccepts()
    {
        var (client, account, email, _) = await app.SignUpAsync("creator", birthYear: 1990);

        var me = await client.GetFromJsonAsync<AccountView>("/api/auth/me");

        Assert.Equal(account.UserId, me!.UserId);
        Assert.Equal(email, me.Email);
        Assert.Equal(["viewer", "creator"], me.Roles);
        Assert.Equal(1990, me.BirthYear);
        Assert.False(me.IsGuest);
    }

    [Fact]
    public async Task Signup_duplicateEmailInOtherCase_conflictAndFirstAccountUnchanged()
    {
        var (_, first, email, _) = await app.SignUpAsync();
        var before = await Users.FindAsync(first.UserId);

        var response = await app.CreateClient().PostAsJsonAsync("/api/auth/signup",
            new { email = email.ToUpperInvariant(), password = "another password", displayName = "Impostor", role = "creator" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("account with this e-mail address exists", (await Problem.ReadAsync(response)).Detail);
        var after = await Users.FindAsync(first.UserId);
        Assert.Equal(before!.PasswordHash, after!.PasswordHash);
        Assert.Equal(before.DisplayName, after.DisplayName);
        Assert.Equal(before.Version, after.Version);
    }

    [Fact]
    public async Task Signup_selfAssignedAdmin_badRequestAndNothingStored()
    {
        var email = $"would-be-admin-{Guid.NewGuid():n}@example.com";
        var response = await app.CreateClient().PostAsJsonAsync("/api/auth/signup",
            new { email, password = "long enough password", displayName = "Mallory", role = "admin" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await Problem.ReadAsync(response);
        Assert.Contains("admin", problem.Errors!["role"][0]);
        Assert.Null(await Users.FindByLoginKeyAsync(UserDocument.EmailLoginKey(email)));
    }

    public static TheoryData<string, object> InvalidSignups => new()
    {
        { "email", new { email = "not-an-address", password = "long enough password", displayName = "A" } },
        { "email", new { email = new string('a', 250) + "@example.com", password = "long enough password", displayName = "A" } },
        { "email", new { email = "", password = "long enough password", displayName = "A" } },
        { "password", new { email = "short@example.com", password = "short", displayName = "A" } },
        { "password", new { email = "long@example.com", password = new string('p', 129), displayName = "A" } },
        { "displayName", new { email = "name@example.com", password = "long enough password", displayName = new string('n', 41) } },
        { "displayName", new { email = "ctrl@example.com", password = "long enough password", displayName = "bad\u0007name" } },
        { "displayName", new { email = "blank@example.com", password = "long enough password", displayName = "   " } },
        { "birthYear", new { email = "kid@example.com", password = "long enough password", displayName = "Kid", birthYear = DateTime.UtcNow.Year - 5 } },
        { "birthYear", new { email = "old@example.com", password = "long enough password", displayName = "Old", birthYear = 1700 } },
        { "role", new { email = "role@example.com", password = "long enough password", displayName = "R", role = "superuser" } },
    };

    [Theory, MemberData(nameof(InvalidSignups))]
    public async Task Signup_invalidField_validationProblemNamingTheFieldAndNothingStored(string field, object body)
    {
        var usersBefore = await Users.CountAsync();

        var response = await app.CreateClient().PostAsJsonAsync("/api/auth/signup", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await Problem.ReadAsync(response);
        Assert.True(problem.Errors!.ContainsKey(field), $"errors: {string.Join(", ", problem.Errors.Keys)}");
        Assert.False(string.IsNullOrWhiteSpace(problem.Errors[field][0]));
        Assert.Equal(usersBefore, await Users.CountAsync());
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("[1,2,3]")]
    [InlineData("{\"email\": 42, \"password\": {}}")]
    [InlineData("")]
    public async Task Signup_malformedBody_badRequestProblem(string body)
    {
        var usersBefore = await Users.CountAsync();

        var response = await app.CreateClient().PostAsync("/api/auth/signup", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace((await Problem.ReadAsync(response)).Detail ?? (await Problem.ReadAsync(response)).Title));
        Assert.Equal(usersBefore, await Users.CountAsync());
    }

    [Fact]
    public async Task Signup_oversizedBody_refusedWith413()
    {
        var usersBefore = await Users.CountAsync();
        var body = $"{{\"email\":\"big@example.com\",\"password\":\"long enough password\",\"displayName\":\"{new string('x', 64 * 1024)}\"}}";

        var response = await app.CreateClient().PostAsync("/api/auth/signup", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.True(response.StatusCode == HttpStatusCode.RequestEntityTooLarge, await response.Content.ReadAsStringAsync());
        Assert.Equal(usersBefore, await Users.CountAsync());
    }
}
