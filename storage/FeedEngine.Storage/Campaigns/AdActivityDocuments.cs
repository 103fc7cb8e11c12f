namespace FeedEngine.Storage.Campaigns;

public enum AdEventKind { Impression, Engagement, Click }

/// <summary>
/// One thing that happened to a sponsored item, recorded once. Id: chosen by the server when the sponsored item
/// (a turn or a feed card) was created, one per kind, e.g. <c>{placementId}:impression</c>; a repeated delivery of
/// the same event is a duplicate and changes nothing.
/// </summary>
public sealed class AdEventDocument
{
    public string Id { get; set; } = "";
    public string CampaignId { get; set; } = "";
    public AdEventKind Kind { get; set; }

    /// <summary>The sponsored turn or card the event belongs to.</summary>
    public string PlacementId { get; set; } = "";

    public string ViewerId { get; set; } = "";
    public string? SessionId { get; set; }
    public string? PostId { get; set; }
    public DateTime OccurredAt { get; set; }
}

/// <summary>
/// One movement of a campaign's money: a charge (positive) or a correction (negative). The ledger is the only record of
/// spend; reports and budgets sum it. Id: the charge's key, chosen by the server (for an event's charge, the event id),
/// so the same charge is never written twice.
/// </summary>
public sealed class AdLedgerEntryDocument
{
    public string Id { get; set; } = "";
    public string CampaignId { get; set; } = "";

    /// <summary>The event this entry charges for, when it charges for one.</summary>
    public string? EventId { get; set; }

    public decimal Amount { get; set; }
    public string Currency { get; set; } = "USD";
    public DateTime OccurredAt { get; set; }
}
