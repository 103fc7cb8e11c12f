namespace FeedEngine.Storage.Safety;

/// <summary>
/// How often a user used a limited thing (generations) on one day. Id: <c>{userId}:{kind}:{yyyy-MM-dd}</c>.
/// <see cref="Keys"/> holds the idempotency key of every use counted, so a retried use is counted once.
/// </summary>
public sealed class UsageCounterDocument : IVersionedDocument
{
    public string Id { get; set; } = "";
    public string UserId { get; set; } = "";
    public string Kind { get; set; } = "";
    public DateTime Day { get; set; }
    public int Count { get; set; }
    public List<string> Keys { get; set; } = [];
    public DateTime UpdatedAt { get; set; }
    public long Version { get; set; }

    public static string MakeId(string userId, string kind, DateOnly day) => $"{userId}:{kind}:{day:yyyy-MM-dd}";
}

public enum CounterOutcome
{
    /// <summary>The use was counted.</summary>
    Counted,
    /// <summary>A use with this key was counted before; nothing changed.</summary>
    AlreadyCounted,
    /// <summary>The limit was reached; nothing changed.</summary>
    LimitReached,
}

/// <summary>The outcome and the count after it.</summary>
public sealed record CounterResult(CounterOutcome Outcome, int Count);

public interface IUsageCounterRepository
{
    Task<UsageCounterDocument?> FindAsync(string userId, string kind, DateOnly day, CancellationToken cancellationToken = default);

    /// <summary>
    /// Counts one use under <paramref name="idempotencyKey"/> unless that key was counted already or the count has
    /// reached <paramref name="limit"/>. Atomic: concurrent callers never push the count past the limit.
    /// </summary>
    Task<CounterResult> TryIncrementAsync(string userId, string kind, DateOnly day, string idempotencyKey, int limit, DateTime now,
        CancellationToken cancellationToken = default);
}
