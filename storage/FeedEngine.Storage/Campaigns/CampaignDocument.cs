using FeedEngine.Storage.Posts;

namespace FeedEngine.Storage.Campaigns;

/// <summary>How a campaign pays: per thousand impressions, or per engaged conversation.</summary>
public enum BidType { Cpm, Cpe }

/// <summary>Where a campaign stands with the admins who review creatives.</summary>
public enum ReviewStatus { PendingReview, Approved, Rejected }

/// <summary>
/// An advertiser's campaign: money, schedule, targeting, brand-safety exclusions and the creative. Id: an opaque random id.
/// Money is exact (<see cref="decimal"/>) in <see cref="Currency"/>. Times are UTC instants; the campaign's days
/// (daily budgets, reports) run in its IANA <see cref="TimeZone"/>. What was spent is never stored here: it is the
/// sum of the campaign's <see cref="AdLedgerEntryDocument"/>s, so an advertiser's edit cannot overwrite a charge.
/// </summary>
public sealed class CampaignDocument : IVersionedDocument
{
    public string Id { get; set; } = "";
    public string AdvertiserId { get; set; } = "";
    public string Name { get; set; } = "";

    /// <summary>ISO 4217 code, fixed when the campaign is created.</summary>
    public string Currency { get; set; } = "USD";

    public decimal TotalBudget { get; set; }
    public decimal DailyBudget { get; set; }

    /// <summary>Per thousand impressions (<see cref="BidType.Cpm"/>) or per engagement (<see cref="BidType.Cpe"/>).</summary>
    public decimal Bid { get; set; }

    public BidType BidType { get; set; }
    public DateTime StartsAt { get; set; }
    public DateTime EndsAt { get; set; }

    /// <summary>An IANA time zone id (<c>Europe/Berlin</c>); <c>UTC</c> by default.</summary>
    public string TimeZone { get; set; } = "UTC";

    public CampaignCreative Creative { get; set; } = new();
    public CampaignTargeting Targeting { get; set; } = new();
    public FrequencyCaps FrequencyCaps { get; set; } = new();
    public CampaignExclusions Exclusions { get; set; } = new();

    public ReviewStatus Review { get; set; }

    /// <summary>The reviewer's words to the advertiser (required when rejected).</summary>
    public string? ReviewReason { get; set; }

    public string? ReviewedBy { get; set; }
    public DateTime? ReviewedAt { get; set; }

    /// <summary>When the campaign last entered review: created, or its creative changed. The queue is served oldest first.</summary>
    public DateTime SubmittedAt { get; set; }

    /// <summary>1 for the first creative; each change to the creative adds one.</summary>
    public int CreativeRevision { get; set; }

    /// <summary>Paused by its advertiser; independent of review.</summary>
    public bool Paused { get; set; }

    /// <summary>What automatic moderation flagged in the current creative (null: nothing); a flagged creative is not approved.</summary>
    public CreativeFlag? Moderation { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public long Version { get; set; }
}

/// <summary>What viewers see: the image, the headline and the sponsored interaction. A change sends the campaign back to review.</summary>
public sealed class CampaignCreative
{
    public string Headline { get; set; } = "";
    public string LandingUrl { get; set; } = "";

    /// <summary>An image that passed the upload pipeline.</summary>
    public string? ImageId { get; set; }

    public SponsoredInteraction? SponsoredInteraction { get; set; }
}

/// <summary>The brand's short conversation: who speaks for it, how it opens, what viewers may ask, where it leads.</summary>
public sealed class SponsoredInteraction
{
    public string Persona { get; set; } = "";
    public string Welcome { get; set; } = "";
    public List<string> SuggestedPrompts { get; set; } = [];
    public string LandingUrl { get; set; } = "";
}

/// <summary>Who the campaign is for. Empty lists mean everyone.</summary>
public sealed class CampaignTargeting
{
    /// <summary>Free text, matched against viewers' interests by embeddings.</summary>
    public List<string> Interests { get; set; } = [];

    /// <summary>BCP 47 language tags (<c>en</c>, <c>en-US</c>).</summary>
    public List<string> Locales { get; set; } = [];

    /// <summary>The age ratings of the posts (and so the audiences) the campaign may appear with.</summary>
    public List<AgeRating> AgeRatings { get; set; } = [];
}

/// <summary>How often one viewer may see the campaign.</summary>
public sealed class FrequencyCaps
{
    public int PerViewerPerDay { get; set; } = 3;
    public int PerSession { get; set; } = 1;
}

/// <summary>Brand safety: where the campaign must never appear.</summary>
public sealed class CampaignExclusions
{
    public List<PostKind> PostKinds { get; set; } = [];
    public List<string> Tags { get; set; } = [];
    public List<AgeRating> AgeRatings { get; set; } = [];

    /// <summary>Moderation categories (<c>violence</c>, <c>politics</c>...) of the turn an ad would follow.</summary>
    public List<string> ModerationCategories { get; set; } = [];
}

/// <summary>Moderation's finding on one creative revision: the part it flagged, the categories and the reason shown to reviewers.</summary>
public sealed class CreativeFlag
{
    public int CreativeRevision { get; set; }
    public string Field { get; set; } = "";
    public List<string> Categories { get; set; } = [];
    public string Reason { get; set; } = "";
    public DateTime At { get; set; }
}
