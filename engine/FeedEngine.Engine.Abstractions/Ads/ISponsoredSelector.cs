namespace FeedEngine.Engine.Abstractions.Ads;

/// <summary>
/// The seam between sessions (and the feed) and the ad system: the engine asks for a sponsored offer at an ad
/// opportunity and reports what the viewer did with it; Ads implements it and the host wires it. Implementations answer
/// quickly (selection reads precomputed slates) and return null when nothing may be shown.
/// </summary>
public interface ISponsoredSelector
{
    Task<SponsoredOffer?> SelectAsync(SponsoredOpportunity opportunity, CancellationToken cancellationToken = default);

    /// <summary>Records an event of an offer once (a repeat is dropped); false when the offer is unknown or not the viewer's.</summary>
    Task<bool> RecordAsync(string placementId, SponsoredEventKind kind, string viewerId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The offer behind a placement the viewer was shown (a sponsored turn or feed card), with its brand persona and rules,
    /// for the brand's answer or a brand conversation; null when the placement is unknown, not the viewer's, or its
    /// campaign no longer serves (ended, paused, rejected, out of budget).
    /// </summary>
    Task<SponsoredOffer?> FindOfferAsync(string placementId, string viewerId, CancellationToken cancellationToken = default);
}

public enum SponsoredEventKind { Impression, Engagement, Click }

/// <summary>Where an ad could go: the viewer, the session and post, the post's kind, tags and rating, and the moderation categories of the turn it would follow.</summary>
[GenerateSerializer, Immutable, Alias("feed.SponsoredOpportunity")]
public sealed record SponsoredOpportunity
{
    [Id(0)] public required string ViewerId { get; init; }
    [Id(1)] public string? SessionId { get; init; }
    [Id(2)] public string? PostId { get; init; }

    /// <summary><c>character</c>, <c>story</c>, <c>game</c>, <c>quiz</c> or <c>imageChat</c>.</summary>
    [Id(3)] public string PostKind { get; init; } = "";

    [Id(4)] public string[] Tags { get; init; } = [];

    /// <summary><c>everyone</c>, <c>teen</c> or <c>mature</c>.</summary>
    [Id(5)] public string AgeRating { get; init; } = "everyone";

    [Id(6)] public string[] ModerationCategories { get; init; } = [];

    /// <summary>What the viewer is into here (the post's title and tags), matched to audience segments.</summary>
    [Id(7)] public string Interests { get; init; } = "";
}

/// <summary>
/// A sponsored item to show, always labelled: the brand, its welcome line and suggested prompts, and its persona with the
/// rules it speaks under. <see cref="PlacementId"/> is the server-chosen id the item's events carry.
/// </summary>
[GenerateSerializer, Immutable, Alias("feed.SponsoredOffer")]
public sealed record SponsoredOffer
{
    [Id(0)] public required string PlacementId { get; init; }
    [Id(1)] public required string CampaignId { get; init; }
    [Id(2)] public string BrandName { get; init; } = "";
    [Id(3)] public string Headline { get; init; } = "";
    [Id(4)] public string Welcome { get; init; } = "";
    [Id(5)] public string[] SuggestedPrompts { get; init; } = [];

    /// <summary>The brand persona (hidden from viewers) and the platform's rules for it.</summary>
    [Id(6)] public string Persona { get; init; } = "";
    [Id(7)] public string[] PersonaRules { get; init; } = [];

    /// <summary>Where a click goes: the platform's redirect, which records the click and then opens the campaign's landing page.</summary>
    [Id(8)] public string ClickUrl { get; init; } = "";

    [Id(9)] public string? ImageUrl { get; init; }
    [Id(10)] public string Label { get; init; } = "Sponsored";
}
