using System.Collections.Concurrent;
using FeedEngine.Storage.Campaigns;
using Microsoft.Extensions.Options;

namespace FeedEngine.Ads.Serving;

/// <summary>The slate set being served, in memory: every segment's slate and the campaigns on them.</summary>
public sealed record ServedSlates(string RunId, IReadOnlyDictionary<string, AdSlateDocument> BySegment, IReadOnlyDictionary<string, CampaignDocument> Campaigns)
{
    public static ServedSlates Empty { get; } = new("", new Dictionary<string, AdSlateDocument>(), new Dictionary<string, CampaignDocument>());
}

/// <summary>
/// Keeps the served slate set in memory so selection reads no storage for ranking: it looks at the set pointer at most
/// every <see cref="AdServingOptions.SlateRefreshSeconds"/> and loads a new run whole when the pointer moved. Campaigns
/// whose budget ran out since are marked, and skipped until the next run.
/// </summary>
public sealed class SlateCache(IAdSlateRepository slates, ICampaignRepository campaigns, IOptions<AdServingOptions> options, TimeProvider time)
{
    readonly SemaphoreSlim gate = new(1, 1);
    readonly ConcurrentDictionary<string, byte> spent = new(StringComparer.Ordinal);
    volatile ServedSlates served = ServedSlates.Empty;
    long checkedAt = long.MinValue;

    public async ValueTask<ServedSlates> CurrentAsync(CancellationToken cancellationToken = default)
    {
        var refresh = TimeSpan.FromSeconds(options.Value.SlateRefreshSeconds);
        if (checkedAt != long.MinValue && time.GetElapsedTime(Interlocked.Read(ref checkedAt)) < refresh) return served;
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (checkedAt != long.MinValue && time.GetElapsedTime(Interlocked.Read(ref checkedAt)) < refresh) return served;
            var pointer = await slates.FindCurrentAsync(cancellationToken);
            if (pointer is not null && pointer.RunId != served.RunId) served = await LoadAsync(pointer.RunId, cancellationToken);
            Interlocked.Exchange(ref checkedAt, time.GetTimestamp());
            return served;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Forgets when the pointer was last read, so the next selection looks again (after a ranking run in tests).</summary>
    public void Invalidate() => Interlocked.Exchange(ref checkedAt, long.MinValue);

    public void MarkSpent(string campaignId) => spent.TryAdd(campaignId, 0);

    public bool IsSpent(string campaignId) => spent.ContainsKey(campaignId);

    async Task<ServedSlates> LoadAsync(string runId, CancellationToken cancellationToken)
    {
        var run = await slates.ListRunAsync(runId, cancellationToken);
        var ids = run.SelectMany(s => s.Entries).Select(e => e.CampaignId).ToHashSet(StringComparer.Ordinal);
        var byId = new Dictionary<string, CampaignDocument>(StringComparer.Ordinal);
        foreach (var id in ids)
            if (await campaigns.FindAsync(id, cancellationToken) is { } campaign) byId[id] = campaign;
        spent.Clear();
        return new ServedSlates(runId, run.ToDictionary(s => s.SegmentId, StringComparer.Ordinal), byId);
    }
}
