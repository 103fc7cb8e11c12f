using FeedEngine.Storage.Safety;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FeedEngine.Safety.Quotas;

/// <summary>A user's generation quota today: how many, how many used, how many left, and when it starts over (UTC midnight).</summary>
public sealed record QuotaStatus(int Limit, int Used, int Remaining, DateTimeOffset ResetsAt);

/// <summary>Whether a generation may start, and the quota after counting it.</summary>
public sealed record QuotaConsumption(bool Allowed, QuotaStatus Status)
{
    public TimeSpan RetryAfter(DateTimeOffset now) => Allowed ? TimeSpan.Zero : Status.ResetsAt - now;
}

/// <summary>
/// Generations per user per UTC day, stored as a counter document so every app node sees the same count. The engine
/// consumes one before each model reply with the turn's idempotency key: a retried or resumed reply is counted once.
/// </summary>
public sealed partial class GenerationQuotaService(
    IUsageCounterRepository counters,
    IOptions<SafetyOptions> options,
    [FromKeyedServices(SafetyExtensions.ClockKey)] TimeProvider clock,
    ILogger<GenerationQuotaService> logger)
{
    public const string Kind = "generation";

    public async Task<QuotaStatus> GetAsync(string userId, bool isGuest, CancellationToken cancellationToken = default)
    {
        var (day, resets) = Today();
        var counter = await counters.FindAsync(userId, Kind, day, cancellationToken);
        return Status(LimitFor(isGuest), counter?.Count ?? 0, resets);
    }

    /// <summary>Counts one generation unless the daily limit is reached; the same key twice counts once (and is allowed).</summary>
    public async Task<QuotaConsumption> TryConsumeAsync(string userId, bool isGuest, string idempotencyKey, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(idempotencyKey);
        var (day, resets) = Today();
        var limit = LimitFor(isGuest);
        var result = await counters.TryIncrementAsync(userId, Kind, day, idempotencyKey, limit, clock.GetUtcNow().UtcDateTime, cancellationToken);
        var allowed = result.Outcome != CounterOutcome.LimitReached;
        if (!allowed) LogQuotaReached(userId, limit);
        return new QuotaConsumption(allowed, Status(limit, result.Count, resets));
    }

    int LimitFor(bool isGuest) => isGuest ? options.Value.Quotas.GuestGenerationsPerDay : options.Value.Quotas.GenerationsPerDay;

    (DateOnly Day, DateTimeOffset ResetsAt) Today()
    {
        var now = clock.GetUtcNow();
        var day = DateOnly.FromDateTime(now.UtcDateTime);
        return (day, new DateTimeOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
    }

    static QuotaStatus Status(int limit, int used, DateTimeOffset resets) => new(limit, used, Math.Max(0, limit - used), resets);

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} reached the daily generation quota of {Limit}")]
    partial void LogQuotaReached(string userId, int limit);
}
