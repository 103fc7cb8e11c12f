namespace FeedEngine.Engine.Sessions;

/// <summary>
/// How a session retries a write the store did not take (a lost connection, a failover): exponential backoff from
/// <see cref="FirstDelay"/>, doubling up to <see cref="MaxDelay"/>, for <see cref="Attempts"/> attempts in all (about
/// 20 s of outage ridden out). Expected outcomes (<c>Duplicate</c>, <c>Conflict</c>) are results, not failures, and
/// are never retried; broken contracts (<see cref="ArgumentException"/>, <see cref="InvalidOperationException"/>) are not
/// retried either. A write that is retried after it really landed comes back <c>Duplicate</c> (idempotency keys), so
/// nothing is written twice.
/// </summary>
internal static class StoreRetry
{
    public const int Attempts = 8;
    public static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(200);
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(5);

    public static TimeSpan DelayAfter(int attempt) =>
        TimeSpan.FromTicks(Math.Min(MaxDelay.Ticks, FirstDelay.Ticks << Math.Min(attempt - 1, 20)));

    public static async Task<T> RunAsync<T>(Func<Task<T>> write, TimeProvider time, Action<Exception, int> retrying, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await write();
            }
            catch (Exception e) when (attempt < Attempts && IsTransient(e) && !cancellationToken.IsCancellationRequested)
            {
                retrying(e, attempt);
                await Task.Delay(DelayAfter(attempt), time, cancellationToken);
            }
        }
    }

    static bool IsTransient(Exception e) => e is not (ArgumentException or InvalidOperationException or OperationCanceledException);
}
