using System.Collections.Concurrent;
using FeedEngine.Storage.Posts;

namespace FeedEngine.Web.Feed.Ranking;

/// <summary>
/// Posts' <see cref="EngagementQuality"/> for the feed, kept in memory and refreshed in the background; a feed request
/// never waits on storage for it. <see cref="Get"/> answers at once from what is cached: a post not read yet (a cold
/// cache, a post new to it) gets <see cref="EngagementQuality.Neutral"/>, what the formula gives a post with no data, so a
/// cold cache ranks exactly as if engagement were 0 for everyone (a constant adds the same to every score) and a post new
/// to a warm cache is not pushed below the ones read. Ids not read yet, and ids read more than <see cref="Ttl"/> ago
/// (on the injected <see cref="TimeProvider"/>), are queued; one background refresh at a time reads them in batches of
/// <see cref="IPostEngagementReader.MaxPostIds"/> (one storage query each), counting the last <see cref="Window"/>, then
/// re-derives the prior (the means over every cached post) and every cached quality. Stale values are served until then.
/// </summary>
public sealed partial class PostEngagementCache(IPostEngagementReader reader, TimeProvider clock, ILogger<PostEngagementCache> logger) : IDisposable
{
    public static readonly TimeSpan Ttl = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan Window = TimeSpan.FromDays(30);

    /// <summary>Posts kept at most; the longest unread go first.</summary>
    public const int MaxEntries = 50_000;

    readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);
    readonly ConcurrentDictionary<string, byte> queued = new(StringComparer.Ordinal);
    readonly CancellationTokenSource stopping = new();
    readonly Lock gate = new();
    Task refresh = Task.CompletedTask;

    /// <summary>The means the cached qualities were shrunk towards.</summary>
    public EngagementPrior Prior { get; private set; } = EngagementPrior.Default;

    /// <summary>Each id's quality now (0..1); queues a background read of ids unknown or older than <see cref="Ttl"/>.</summary>
    public IReadOnlyDictionary<string, double> Get(IEnumerable<string> postIds)
    {
        var now = clock.GetUtcNow();
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var id in postIds)
        {
            if (string.IsNullOrWhiteSpace(id) || result.ContainsKey(id)) continue;
            if (entries.TryGetValue(id, out var entry))
            {
                result[id] = entry.Quality;
                if (now - entry.ReadAt < Ttl) continue;
            }
            else result[id] = EngagementQuality.Neutral;
            queued.TryAdd(id, 0);
        }
        if (!queued.IsEmpty) StartRefresh();
        return result;
    }

    /// <summary>Completes when no refresh is running and nothing is queued (tests and the benchmark wait on it).</summary>
    public async Task WhenIdleAsync()
    {
        while (true)
        {
            // Ids queued while the last refresh was finishing wait for the next request; here they start at once.
            if (!queued.IsEmpty) StartRefresh();
            Task current;
            lock (gate) current = refresh;
            await current;
            lock (gate)
                if (refresh.IsCompleted && (queued.IsEmpty || stopping.IsCancellationRequested)) return;
        }
    }

    void StartRefresh()
    {
        lock (gate)
        {
            if (!refresh.IsCompleted || stopping.IsCancellationRequested) return;
            refresh = Task.Run(() => RefreshAsync(stopping.Token));
        }
    }

    async Task RefreshAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!queued.IsEmpty && !cancellationToken.IsCancellationRequested)
            {
                var batch = queued.Keys.Take(IPostEngagementReader.MaxPostIds).ToArray();
                foreach (var id in batch) queued.TryRemove(id, out _);
                var now = clock.GetUtcNow();
                var counts = await reader.ReadAsync(batch, now.UtcDateTime - Window, cancellationToken);
                foreach (var (id, c) in counts) entries[id] = new Entry(c, now, entries.TryGetValue(id, out var old) ? old.Quality : EngagementQuality.Neutral);
            }
            Recompute();
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // What failed stays as it was (stale or neutral) and is queued again by the next request that needs it.
            LogRefreshFailed(logger, e);
            queued.Clear();
        }
    }

    void Recompute()
    {
        if (entries.Count > MaxEntries)
            foreach (var old in entries.OrderBy(e => e.Value.ReadAt).Take(entries.Count - MaxEntries).ToList()) entries.TryRemove(old.Key, out _);
        var prior = EngagementPrior.From(entries.Values.Select(e => e.Counts));
        foreach (var (id, entry) in entries) entries[id] = entry with { Quality = EngagementQuality.Of(entry.Counts, prior) };
        Prior = prior;
    }

    public void Dispose() => stopping.Cancel();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading posts' engagement for the feed failed; the feed keeps the figures it has.")]
    static partial void LogRefreshFailed(ILogger logger, Exception exception);

    sealed record Entry(PostEngagementCounts Counts, DateTimeOffset ReadAt, double Quality);
}
