using FeedEngine.Ads.Campaigns;
using FeedEngine.Ads.Events;
using FeedEngine.Engine.Abstractions.Ads;
using FeedEngine.Storage.Campaigns;
using FeedEngine.Storage.Posts;

namespace FeedEngine.Ads.Serving;

/// <summary>The engine's <see cref="ISponsoredSelector"/>: an opportunity becomes an <see cref="AdSelector"/> pick, events go to <see cref="AdEventService"/>.</summary>
public sealed class SponsoredSelector(
    AdSelector selector,
    AdEventService events,
    IAdPlacementRepository placements,
    ICampaignRepository campaigns,
    IAdBudgetRepository budgets,
    TimeProvider time) : ISponsoredSelector
{
    /// <summary>What every brand persona is told, on top of its own persona.</summary>
    public static IReadOnlyList<string> PersonaRules { get; } =
    [
        "You speak only for the brand named here, in a clearly labelled sponsored message; never pretend to be the post's character or narrator.",
        "You cannot change the story, the game or its state; never write state blocks, scores or game moves.",
        "Answer briefly and honestly about the brand; make no medical, financial or legal claims and no promises of prizes.",
        "If the viewer wants to go back to the post, say goodbye in one line.",
    ];

    public static string ClickUrl(string placementId) => $"/api/ads/click/{placementId}";

    public async Task<SponsoredOffer?> SelectAsync(SponsoredOpportunity opportunity, CancellationToken cancellationToken = default)
    {
        var kind = Enum.TryParse<PostKind>(opportunity.PostKind, ignoreCase: true, out var k) ? k : (PostKind?)null;
        var rating = Enum.TryParse<AgeRating>(opportunity.AgeRating, ignoreCase: true, out var r) ? r : AgeRating.Mature;
        var interests = string.IsNullOrWhiteSpace(opportunity.Interests) ? string.Join(' ', opportunity.Tags) : opportunity.Interests;
        var picked = await selector.SelectAsync(new AdOpportunity(opportunity.ViewerId, opportunity.SessionId is null ? AdSurface.Feed : AdSurface.Session,
            interests, opportunity.SessionId, opportunity.PostId, kind, opportunity.Tags, rating, opportunity.ModerationCategories), cancellationToken);
        return picked is null ? null : OfferOf(picked);
    }

    public static SponsoredOffer OfferOf(AdSelection picked)
    {
        var creative = picked.Campaign.Creative;
        var interaction = creative.SponsoredInteraction;
        return new SponsoredOffer
        {
            PlacementId = picked.Placement.Id,
            CampaignId = picked.Campaign.Id,
            BrandName = picked.Campaign.Name,
            Headline = creative.Headline,
            Welcome = interaction?.Welcome is { Length: > 0 } welcome ? welcome : creative.Headline,
            SuggestedPrompts = [.. interaction?.SuggestedPrompts ?? []],
            Persona = interaction?.Persona ?? "",
            PersonaRules = [.. PersonaRules],
            ClickUrl = ClickUrl(picked.Placement.Id),
            ImageUrl = creative.ImageId is null ? null : $"/images/{creative.ImageId}/card",
        };
    }

    public async Task<SponsoredOffer?> FindOfferAsync(string placementId, string viewerId, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(placementId) || placementId.Length > 100) return null;
        if (await placements.FindAsync(placementId, cancellationToken) is not { } placement || placement.ViewerId != viewerId) return null;
        if (await campaigns.FindAsync(placement.CampaignId, cancellationToken) is not { } campaign) return null;
        var now = time.GetUtcNow().UtcDateTime;
        var budget = await budgets.FindAsync(campaign.Id, cancellationToken);
        var spend = budget is null ? CampaignSpend.None : new CampaignSpend(budget.Spent, budget.Day == BudgetCharger.DayOf(campaign, now) ? budget.DaySpent : 0);
        return CampaignDelivery.IsEligible(campaign, spend, now) ? OfferOf(new AdSelection(placement, campaign)) : null;
    }

    public async Task<bool> RecordAsync(string placementId, SponsoredEventKind kind, string viewerId, CancellationToken cancellationToken = default) =>
        await events.RecordAsync(placementId, (AdEventKind)kind, viewerId, cancellationToken) != AdEventOutcome.UnknownPlacement;
}
