using FeedEngine.Safety.Quotas;
using FeedEngine.Storage;
using FeedEngine.Storage.Safety;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace FeedEngine.Safety.Tests.Quotas;

/// <summary>The quota service on the real embedded store in a temporary folder.</summary>
public sealed class GenerationQuotaServiceTests : IDisposable
{
    readonly string folder = Directory.CreateTempSubdirectory("feedengine-quota-").FullName;
    readonly ServiceProvider store;
    readonly FakeTimeProvider clock = new(new DateTimeOffset(2025, 3, 14, 22, 30, 0, TimeSpan.Zero));
    readonly GenerationQuotaService quotas;

    public GenerationQuotaServiceTests()
    {
        var services = new ServiceCollection();
        services.AddSingleton(Options.Create(new StorageOptions { DataDirectory = folder }));
        services.AddEmbeddedStorage();
        store = services.BuildServiceProvider();
        quotas = new GenerationQuotaService(store.GetRequiredService<IUsageCounterRepository>(),
            Options.Create(new SafetyOptions { Quotas = { GenerationsPerDay = 3, GuestGenerationsPerDay = 1 } }), clock, NullLogger<GenerationQuotaService>.Instance);
    }

    [Fact]
    public async Task Consume_untilTheLimit_thenRefused_withTheTimeUntilMidnight()
    {
        var results = new List<QuotaConsumption>();
        for (var i = 0; i < 4; i++) results.Add(await quotas.TryConsumeAsync("u1", false, $"turn-{i}"));

        Assert.Equal([true, true, true, false], results.Select(r => r.Allowed));
        Assert.Equal([2, 1, 0, 0], results.Select(r => r.Status.Remaining));
        Assert.Equal(TimeSpan.FromMinutes(90), results[3].RetryAfter(clock.GetUtcNow()));
        Assert.Equal(new QuotaStatus(3, 3, 0, new DateTimeOffset(2025, 3, 15, 0, 0, 0, TimeSpan.Zero)), await quotas.GetAsync("u1", false));
    }

    [Fact]
    public async Task Consume_sameTurnTwice_countsOnceAndIsAllowed()
    {
        await quotas.TryConsumeAsync("u2", false, "turn-1");
        var again = await quotas.TryConsumeAsync("u2", false, "turn-1");

        Assert.True(again.Allowed);
        Assert.Equal(1, again.Status.Used);
    }

    [Fact]
    public async Task Quota_startsOverTheNextDay_andGuestsHaveTheirOwnLimit()
    {
        Assert.True((await quotas.TryConsumeAsync("g", true, "a")).Allowed);
        Assert.False((await quotas.TryConsumeAsync("g", true, "b")).Allowed);

        clock.Advance(TimeSpan.FromHours(2));

        Assert.Equal(new QuotaStatus(1, 0, 1, new DateTimeOffset(2025, 3, 16, 0, 0, 0, TimeSpan.Zero)), await quotas.GetAsync("g", true));
        Assert.True((await quotas.TryConsumeAsync("g", true, "b")).Allowed);
    }

    public void Dispose()
    {
        store.Dispose();
        Directory.Delete(folder, recursive: true);
    }
}
