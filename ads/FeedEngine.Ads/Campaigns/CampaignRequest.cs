namespace FeedEngine.Ads.Campaigns;

/// <summary>
/// The body of <c>POST /api/campaigns</c> and <c>PUT /api/campaigns/{campaignId}</c>. Required: name, totalBudget,
/// dailyBudget, bid, bidType (<c>cpm</c> or <c>cpe</c>), startsAt, endsAt, headline, landingUrl. Amounts are JSON numbers in
/// the server's currency. Times are ISO 8601: with <c>Z</c> or an offset they are that instant; without one they are local
/// times in <see cref="TimeZone"/> (an IANA id, default <c>UTC</c>).
/// </summary>
public sealed record CampaignRequest
{
    public string? Name { get; init; }
    public decimal? TotalBudget { get; init; }
    public decimal? DailyBudget { get; init; }
    public decimal? Bid { get; init; }
    public string? BidType { get; init; }
    public string? StartsAt { get; init; }
    public string? EndsAt { get; init; }
    public string? TimeZone { get; init; }
    public string? Headline { get; init; }
    public string? LandingUrl { get; init; }
    public string? ImageId { get; init; }
    public TargetingRequest? Targeting { get; init; }
    public FrequencyCapsRequest? FrequencyCaps { get; init; }
    public ExclusionsRequest? Exclusions { get; init; }
    public SponsoredInteractionRequest? SponsoredInteraction { get; init; }
}

/// <summary>Interests (free text), locales (<c>en-US</c>), age ratings (<c>everyone</c>, <c>teen</c>, <c>mature</c>). Empty: everyone.</summary>
public sealed record TargetingRequest(List<string?>? Interests = null, List<string?>? Locales = null, List<string?>? AgeRatings = null);

/// <summary>Impressions per viewer per day (default 3) and per session (default 1).</summary>
public sealed record FrequencyCapsRequest(int? PerViewerPerDay = null, int? PerSession = null);

/// <summary>Where the campaign must never appear: post kinds, tags, age ratings and moderation categories.</summary>
public sealed record ExclusionsRequest(List<string?>? PostKinds = null, List<string?>? Tags = null, List<string?>? AgeRatings = null, List<string?>? ModerationCategories = null);

/// <summary>The brand's conversation: a short persona, a welcome line, suggested prompts and a landing URL (default: the campaign's).</summary>
public sealed record SponsoredInteractionRequest(string? Persona = null, string? Welcome = null, List<string?>? SuggestedPrompts = null, string? LandingUrl = null);

/// <summary>The most each field may hold. Pages use the same numbers for their inputs.</summary>
public static class CampaignLimits
{
    public const int Name = 80;
    public const int Headline = 90;
    public const int Url = 2048;
    public const int Persona = 1000;
    public const int Welcome = 280;
    public const int Prompt = 80;
    public const int Prompts = 4;
    public const int Interest = 60;
    public const int Interests = 20;
    public const int Locales = 20;
    public const int Tag = 40;
    public const int Tags = 30;
    public const int Reason = 500;
    public const int PerViewerPerDay = 50;
    public const int PerSession = 10;
}
