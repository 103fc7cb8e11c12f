using System.Collections.Concurrent;
using FeedEngine.Engine.Abstractions.Ads;

namespace FeedEngine.Engine.Tests.Sessions;

/// <summary>
/// The ad system at its seam: one campaign targeted at posts about <see cref="Tag"/>, with the brand safety rule
/// "never with games". Records every opportunity it was asked about and every event.
/// </summary>
public sealed class FakeSponsors : ISponsoredSelector
{
    public const string Tag = "astronomy";

    public ConcurrentQueue<SponsoredOpportunity> Asked { get; } = new();
    public ConcurrentQueue<(string PlacementId, SponsoredEventKind Kind, string ViewerId)> Recorded { get; } = new();

    public Task<SponsoredOffer?> SelectAsync(SponsoredOpportunity opportunity, CancellationToken cancellationToken = default)
    {
        Asked.Enqueue(opportunity);
        if (!opportunity.Tags.Contains(Tag) || opportunity.PostKind == "game") return Task.FromResult<SponsoredOffer?>(null);
        var placement = "placement-" + Guid.NewGuid().ToString("n");
        return Task.FromResult<SponsoredOffer?>(new SponsoredOffer
        {
            PlacementId = placement,
            CampaignId = "campaign-telescopes",
            BrandName = "StarGazer Telescopes",
            Headline = "See Saturn's rings tonight",
            Welcome = "Enjoying the stars? StarGazer can help you see them closer.",
            SuggestedPrompts = ["Which telescope for a beginner?", "Show me deals"],
            Persona = "You are StarGazer's friendly guide.",
            ClickUrl = "/api/ads/click/" + placement,
        });
    }

    public Task<bool> RecordAsync(string placementId, SponsoredEventKind kind, string viewerId, CancellationToken cancellationToken = default)
    {
        Recorded.Enqueue((placementId, kind, viewerId));
        return Task.FromResult(true);
    }
}
