using System.Net;
using System.Net.Http.Json;
using FeedEngine.Safety.Quotas;
using Microsoft.Extensions.DependencyInjection;
using static FeedEngine.Web.Tests.Safety.SafetyApi;

namespace FeedEngine.Web.Tests.Safety;

[Collection(AppCollection.Name)]
public sealed class QuotaApiTests(FeedEngineApp app)
{
    [Fact]
    public async Task Quota_showsWhatTheEngineConsumed()
    {
        var (client, account, _, _) = await app.SignUpAsync();
        var quotas = app.Services.GetRequiredService<GenerationQuotaService>();

        var before = await client.GetFromJsonAsync<Quota>("/api/me/quota");
        await quotas.TryConsumeAsync(account.UserId, isGuest: false, "turn-1");
        await quotas.TryConsumeAsync(account.UserId, isGuest: false, "turn-1");
        await quotas.TryConsumeAsync(account.UserId, isGuest: false, "turn-2");
        var after = await client.GetFromJsonAsync<Quota>("/api/me/quota");

        Assert.Equal(new Quota(200, 0, 200, before!.ResetsAt), before);
        Assert.Equal(2, after!.Used);
        Assert.Equal(198, after.Remaining);
        Assert.Equal(TimeSpan.Zero, before.ResetsAt.TimeOfDay);
        Assert.True(before.ResetsAt > DateTimeOffset.UtcNow && before.ResetsAt <= DateTimeOffset.UtcNow.AddDays(1));
    }

    [Fact]
    public async Task Quota_guestsHaveTheGuestLimit_andAnonymousCallersNone()
    {
        var guestToken = System.Text.Json.JsonDocument.Parse(await (await app.CreateClient().PostAsync("/api/auth/guest", null)).Content.ReadAsStringAsync())
            .RootElement.GetProperty("accessToken").GetString()!;

        var guest = await app.CreateClient(guestToken).GetFromJsonAsync<Quota>("/api/me/quota");
        var anonymous = await app.CreateClient().GetAsync("/api/me/quota");

        Assert.Equal(30, guest!.Limit);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }
}
