using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using FeedEngine.Ads.Ranking;
using FeedEngine.Storage;
using FeedEngine.Storage.Campaigns;
using FeedEngine.Storage.Posts;
using Microsoft.Extensions.Options;

namespace FeedEngine.Ads.Serving;

/// <summary>A chance to show a sponsored item: who, where, next to what.</summary>
public sealed record AdOpportunity(
    string ViewerId,
    AdSurface Surface,
    string InterestText,
    string? SessionId = null,
    string? PostId = null,
    PostKind? PostKind = null,
    IReadOnlyList<string>? Tags = null,
    AgeRating AgeRating = AgeRating.Everyone,
    IReadOnlyList<string>? ModerationCategories = null);

/// <summary>The winner: the stored placement (its id is the events' id) and the campaign.</summary>
public sealed record AdSelection(AdPlacementDocument Placement, CampaignDocument Campaign);

/// <summary>
/// Picks the sponsored item for an opportunity from the served slate of the nearest segment: the first campaign, best
/// first, that passes its pacing throttle, brand safety and frequency caps (per viewer per 24 h, per session); it pays
/// the second price against the next campaign that could have taken the opportunity. One storage read (the viewer's
/// recent placements) and one write (the placement).
/// </summary>
public sealed class AdSelector(
    SlateCache cache,
    AdRelevance relevance,
    IAdPlacementRepository placements,
    IOptions<AdServingOptions> options,
    Random random,
    TimeProvider time,
    IMeterFactory? meters = null)
{
    readonly ConcurrentDictionary<string, string> segmentOf = new(StringComparer.Ordinal);
    readonly Histogram<double>? latency = meters?.Create("FeedEngine.Ads").CreateHistogram<double>("feedengine.ads.selection.duration", "ms", "Time to pick a sponsored item");
    IReadOnlyList<(AdSegment Segment, float[] Vector)>? segments;

    public async Task<AdSelection?> SelectAsync(AdOpportunity opportunity, CancellationToken cancellationToken = default)
    {
        var started = time.GetTimestamp();
        try
        {
            return await PickAsync(opportunity, cancellationToken);
        }
        finally
        {
            latency?.Record(time.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    async Task<AdSelection?> PickAsync(AdOpportunity o, CancellationToken cancellationToken)
    {
        var served = await cache.CurrentAsync(cancellationToken);
        if (served.BySegment.Count == 0) return null;
        var segmentId = await SegmentAsync(o.InterestText, cancellationToken);
        if (!served.BySegment.TryGetValue(segmentId, out var slate) || slate.Entries.Count == 0) return null;

        var now = time.GetUtcNow().UtcDateTime;
        var recent = await placements.ListForViewerAsync(o.ViewerId, now.AddHours(-24), cancellationToken);
        var categories = BrandSafetyMatch.Categories(o.ModerationCategories ?? []);
        var tags = o.Tags ?? [];

        (AdSlateEntry Entry, CampaignDocument Campaign)? winner = null;
        double? runnerUp = null;
        foreach (var entry in slate.Entries)
        {
            if (!served.Campaigns.TryGetValue(entry.CampaignId, out var campaign) || cache.IsSpent(campaign.Id)) continue;
            if (now < campaign.StartsAt || now >= campaign.EndsAt) continue;
            if (!BrandSafetyMatch.Allows(campaign, o.PostKind, tags, o.AgeRating, categories)) continue;
            if (entry.PassRate < 1 && random.NextDouble() >= entry.PassRate) continue;
            if (winner is null)
            {
                if (Capped(campaign, recent, o.SessionId)) continue;
                winner = (entry, campaign);
                continue;
            }
            runnerUp = entry.Score;
            break;
        }
        if (winner is not { } won) return null;

        var o2 = options.Value;
        var prior = o2.PriorEngagements / (o2.PriorEngagements + o2.PriorNonEngagements);
        var signals = new AdSignals(won.Campaign.Bid, won.Campaign.BidType, won.Entry.PredictedEngagement, won.Entry.Relevance, won.Entry.Quality);
        var reserve = won.Campaign.BidType == BidType.Cpm ? o2.ReservePriceCpm : o2.ReservePriceCpe;
        var placement = new AdPlacementDocument
        {
            Id = DocumentIds.New(),
            CampaignId = won.Campaign.Id,
            ViewerId = o.ViewerId,
            Surface = o.Surface,
            SessionId = o.SessionId,
            PostId = o.PostId,
            SegmentId = segmentId,
            BidType = won.Campaign.BidType,
            Price = AdScoring.SecondPrice(signals, runnerUp, reserve, prior),
            Currency = won.Campaign.Currency,
            CreatedAt = now,
        };
        if (await placements.InsertAsync(placement, cancellationToken) != WriteOutcome.Ok) return null;
        return new AdSelection(placement, won.Campaign);
    }

    static bool Capped(CampaignDocument campaign, IReadOnlyList<AdPlacementDocument> recent, string? sessionId)
    {
        var caps = campaign.FrequencyCaps;
        int day = 0, session = 0;
        foreach (var p in recent)
        {
            if (p.CampaignId != campaign.Id) continue;
            day++;
            if (sessionId is not null && p.SessionId == sessionId) session++;
        }
        return (caps.PerViewerPerDay > 0 && day >= caps.PerViewerPerDay) || (sessionId is not null && caps.PerSession > 0 && session >= caps.PerSession);
    }

    /// <summary>The segment nearest to the interests (by embedding), remembered per text.</summary>
    public async ValueTask<string> SegmentAsync(string interestText, CancellationToken cancellationToken = default)
    {
        var key = AdRelevance.Normalize(interestText);
        if (segmentOf.TryGetValue(key, out var known)) return known;
        segments ??= await LoadSegmentsAsync(cancellationToken);
        var vector = await relevance.VectorAsync(key.Length == 0 ? "general" : key, cancellationToken);
        var best = segments.FirstOrDefault(s => s.Segment.Id == "general").Segment?.Id ?? segments[0].Segment.Id;
        var bestScore = 0.0;
        foreach (var (segment, v) in segments)
        {
            var s = AdRelevance.Similarity(vector, v);
            if (s > bestScore) (best, bestScore) = (segment.Id, s);
        }
        if (segmentOf.Count > 100_000) segmentOf.Clear();
        segmentOf[key] = best;
        return best;
    }

    async Task<IReadOnlyList<(AdSegment, float[])>> LoadSegmentsAsync(CancellationToken cancellationToken)
    {
        var list = AdSegment.From(options.Value.Segments);
        await relevance.WarmAsync(list.Select(s => s.Text), cancellationToken);
        return [.. list.Select(s => (s, relevance.Cached(s.Text)))];
    }
}
