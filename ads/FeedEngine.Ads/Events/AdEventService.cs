using FeedEngine.Ads.Ranking;
using FeedEngine.Ads.Serving;
using FeedEngine.Storage;
using FeedEngine.Storage.Campaigns;
using Microsoft.Extensions.Options;

namespace FeedEngine.Ads.Events;

/// <summary>What became of one delivered event.</summary>
public enum AdEventOutcome
{
    /// <summary>Recorded for the first time (and charged, when it is the campaign's billed event and budget was left).</summary>
    Recorded,
    /// <summary>Already recorded: nothing new was counted; an unfinished charge of it was finished.</summary>
    Duplicate,
    /// <summary>A click by the same viewer on the same campaign within the click window: dropped.</summary>
    ClickTooSoon,
    /// <summary>No such sponsored item, or not the caller's.</summary>
    UnknownPlacement,
}

/// <summary>
/// Records impressions, engagements and clicks of sponsored items exactly once. The event id is the server's: the
/// placement id (chosen when the item was created) and the kind. A first recording adds to the pacing counter and the
/// history; the campaign's billed event (a CPM impression, a CPE engagement) is charged at the placement's second price
/// through <see cref="BudgetCharger"/>. A repeated delivery changes nothing but finishes a charge a crash left undone,
/// so delivering an event until it succeeds bills it once.
/// </summary>
public sealed class AdEventService(
    IAdPlacementRepository placements,
    IAdEventRepository events,
    IAdPacingRepository pacing,
    ICampaignRepository campaigns,
    BudgetCharger charger,
    SlateCache cache,
    IOptions<AdServingOptions> options,
    TimeProvider time)
{
    const int MaxPacingAttempts = 16;

    public static string EventId(string placementId, AdEventKind kind) => $"{placementId}:{kind.ToString().ToLowerInvariant()}";

    public async Task<AdEventOutcome> RecordAsync(string placementId, AdEventKind kind, string viewerId, CancellationToken cancellationToken = default)
    {
        var placement = await placements.FindAsync(placementId, cancellationToken);
        if (placement is null || placement.ViewerId != viewerId) return AdEventOutcome.UnknownPlacement;
        var campaign = await campaigns.FindAsync(placement.CampaignId, cancellationToken);
        if (campaign is null) return AdEventOutcome.UnknownPlacement;

        var now = time.GetUtcNow().UtcDateTime;
        var id = EventId(placement.Id, kind);
        var existing = await events.FindAsync(id, cancellationToken);
        if (existing is null && kind == AdEventKind.Click && await ClickedRecentlyAsync(placement, now, cancellationToken))
            return AdEventOutcome.ClickTooSoon;

        var recorded = existing ?? new AdEventDocument
        {
            Id = id,
            CampaignId = placement.CampaignId,
            Kind = kind,
            PlacementId = placement.Id,
            ViewerId = placement.ViewerId,
            SessionId = placement.SessionId,
            PostId = placement.PostId,
            OccurredAt = now,
        };
        var first = existing is null && await events.RecordAsync(recorded, cancellationToken) == WriteOutcome.Ok;
        if (!first) recorded = await events.FindAsync(id, cancellationToken) ?? recorded;

        var amount = AdScoring.ChargeFor(placement.BidType, kind, placement.Price);
        if (first && kind == AdEventKind.Impression) await AddDeliveredAsync(campaign, placement, now, cancellationToken);
        var charged = await charger.ChargeAsync(campaign, id, amount, first ? AdCounts.For(kind) : default, recorded.OccurredAt, cancellationToken);
        if (charged == ChargeOutcome.BudgetSpent) cache.MarkSpent(campaign.Id);
        return first ? AdEventOutcome.Recorded : AdEventOutcome.Duplicate;
    }

    /// <summary>
    /// A click through the redirect: the placement id in the link stands for the viewer it was made for. Records the click
    /// (a repeat or one too soon is dropped) and gives the campaign's landing page, or null when there is no such placement
    /// or its landing URL is not an absolute http(s) URL.
    /// </summary>
    public async Task<(AdEventOutcome Outcome, Uri? Landing)> ClickAsync(string placementId, CancellationToken cancellationToken = default)
    {
        if (placementId.Length is 0 or > 100) return (AdEventOutcome.UnknownPlacement, null);
        var placement = await placements.FindAsync(placementId, cancellationToken);
        if (placement is null || await campaigns.FindAsync(placement.CampaignId, cancellationToken) is not { } campaign) return (AdEventOutcome.UnknownPlacement, null);
        var url = campaign.Creative.SponsoredInteraction?.LandingUrl is { Length: > 0 } own ? own : campaign.Creative.LandingUrl;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var landing) || (landing.Scheme != Uri.UriSchemeHttps && landing.Scheme != Uri.UriSchemeHttp))
            return (AdEventOutcome.UnknownPlacement, null);
        return (await RecordAsync(placement.Id, AdEventKind.Click, placement.ViewerId, cancellationToken), landing);
    }

    async Task<bool> ClickedRecentlyAsync(AdPlacementDocument placement, DateTime now, CancellationToken cancellationToken)
    {
        var window = TimeSpan.FromSeconds(options.Value.ClickWindowSeconds);
        if (window <= TimeSpan.Zero) return false;
        var recent = await events.ListByCampaignAsync(placement.CampaignId, now - window, now.AddTicks(1), cancellationToken);
        return recent.Any(e => e.Kind == AdEventKind.Click && e.ViewerId == placement.ViewerId);
    }

    /// <summary>The pacing counter: what serving this impression is expected to cost (a CPE impression: price x predicted engagement is not known here, so the price of one engagement spread by the prior).</summary>
    async Task AddDeliveredAsync(CampaignDocument campaign, AdPlacementDocument placement, DateTime now, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var expected = placement.BidType == BidType.Cpm
            ? placement.Price / 1000m
            : placement.Price * (decimal)(o.PriorEngagements / (o.PriorEngagements + o.PriorNonEngagements));
        var day = BudgetCharger.DayOf(campaign, now);
        var id = AdPacingDocument.MakeId(campaign.Id, day);
        for (var attempt = 0; attempt < MaxPacingAttempts; attempt++)
        {
            var doc = await pacing.FindAsync(id, cancellationToken) ?? new AdPacingDocument { Id = id, CampaignId = campaign.Id, Day = day };
            doc.Delivered += expected;
            doc.Served++;
            doc.UpdatedAt = now;
            if (await pacing.SaveAsync(doc, cancellationToken) == WriteOutcome.Ok) return;
        }
    }
}
