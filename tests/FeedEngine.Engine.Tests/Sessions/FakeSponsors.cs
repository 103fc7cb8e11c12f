using System.Collections.Concurrent;
using FeedEngine.Engine.Abstractions.Ads;

namespace FeedEngine.Engine.Tests.Sessions;

/// <summary>
/// The ad system at its seam: one campaign targeted at posts about <see cref="Tag"/>, with the brand safety rule
/// "never with games". Records every opportunity it was asked about and every event. It remembers which viewer each
/// offer was made for (only that viewer finds it again); <see cref="Close"/> stops a placement's campaign.
/// </summary>
public sealed class FakeSponsors : ISponsoredSelector
{
    public const string Tag = "astronomy";

    /// <summary>The brand's hidden persona (long enough for the leak filter's verbatim-span check).</summary>
    public const string BrandPersona = "You are StarGazer's friendly guide to telescopes, eyepieces and dark-sky trips.";

    public ConcurrentQueue<SponsoredOpportunity> Asked { get; } = new();
    public ConcurrentQueue<(string PlacementId, SponsoredEventKind Kind, string ViewerId)> Recorded { get; } = new();
    readonly ConcurrentDictionary<string, (SponsoredOffer Offer, string ViewerId)> issued = new(StringComparer.Ordinal);
    readonly ConcurrentDictionary<string, byte> closed = new(StringComparer.Ordinal);

    /// <summary>The campaign behind this placement stops serving (ended, paused, out of budget).</summary>
    public void Close(string placementId) => closed[placementId] = 0;

    /// <summary>An offer made for <paramref name="viewerId"/> outside a session, as a sponsored feed card.</summary>
    public SponsoredOffer IssueCard(string viewerId)
    {
        var offer = Offer();
        issued[offer.PlacementId] = (offer, viewerId);
        return offer;
    }

    public Task<SponsoredOffer?> FindOfferAsync(string placementId, string viewerId, CancellationToken cancellationToken = default) =>
        Task.FromResult(issued.TryGetValue(placementId, out var known) && known.ViewerId == viewerId && !closed.ContainsKey(placementId) ? known.Offer : null);

    public Task<SponsoredOffer?> SelectAsync(SponsoredOpportunity opportunity, CancellationToken cancellationToken = default)
    {
        Asked.Enqueue(opportunity);
        if (!opportunity.Tags.Contains(Tag) || opportunity.PostKind == "game") return Task.FromResult<SponsoredOffer?>(null);
        var offer = Offer();
        issued[offer.PlacementId] = (offer, opportunity.ViewerId);
        return Task.FromResult<SponsoredOffer?>(offer);
    }

    static SponsoredOffer Offer()
    {
        var placement = "placement-" + Guid.NewGuid().ToString("n");
        return new SponsoredOffer
        {
            PlacementId = placement,
            CampaignId = "campaign-telescopes",
            BrandName = "StarGazer Telescopes",
            Headline = "See Saturn's rings tonight",
            Welcome = "Enjoying the stars? StarGazer can help you see them closer.",
            SuggestedPrompts = ["Which telescope for a beginner?", "Show me deals"],
            Persona = BrandPersona,
            PersonaRules = ["You cannot change the story, the game or its state."],
            ClickUrl = "/api/ads/click/" + placement,
        };
    }

    public Task<bool> RecordAsync(string placementId, SponsoredEventKind kind, string viewerId, CancellationToken cancellationToken = default)
    {
        Recorded.Enqueue((placementId, kind, viewerId));
        return Task.FromResult(true);
    }
}
