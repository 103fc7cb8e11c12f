namespace FeedEngine.Storage.Campaigns;

/// <summary>Where a sponsored item was shown: a sponsored turn in a session, or a sponsored card in the feed.</summary>
public enum AdSurface { Session, Feed }

/// <summary>
/// A sponsored item as the server created it: the campaign that won, the price it pays (second price) and who saw it.
/// Id: a random id chosen by the server when the item was created; its events carry ids derived from it
/// (<c>{placementId}:impression</c>, <c>:engagement</c>, <c>:click</c>), so a repeated delivery of an event is a duplicate.
/// </summary>
public sealed class AdPlacementDocument
{
    public string Id { get; set; } = "";
    public string CampaignId { get; set; } = "";
    public string ViewerId { get; set; } = "";
    public AdSurface Surface { get; set; }
    public string? SessionId { get; set; }
    public string? PostId { get; set; }
    public string SegmentId { get; set; } = "";
    public BidType BidType { get; set; }

    /// <summary>The second price in the campaign's bid unit (per thousand impressions, or per engagement); never above the bid.</summary>
    public decimal Price { get; set; }

    public string Currency { get; set; } = "USD";
    public DateTime CreatedAt { get; set; }
}

/// <summary>A charge written to the budget but not yet to the ledger: the next writer to the budget finishes it first.</summary>
public sealed class AdPendingCharge
{
    public string ChargeId { get; set; } = "";
    public string? EventId { get; set; }
    public decimal Amount { get; set; }
    public string Currency { get; set; } = "USD";
    public DateTime OccurredAt { get; set; }
}

/// <summary>
/// A campaign's billed counter: what it spent in all and on its current local day. Id: the campaign id. Changed only
/// by a versioned compare-and-swap that checks the budget and adds the charge in one write; the ledger entry of that
/// charge is written next (<see cref="Pending"/> holds it until then), so the ledger always sums to <see cref="Spent"/>
/// once no charge is pending.
/// </summary>
public sealed class AdBudgetDocument : IVersionedDocument
{
    public string Id { get; set; } = "";
    public decimal Spent { get; set; }

    /// <summary>The campaign's local day <see cref="DaySpent"/> counts (<c>yyyy-MM-dd</c>).</summary>
    public string Day { get; set; } = "";

    public decimal DaySpent { get; set; }
    public long Charges { get; set; }

    /// <summary>History for predictions: events first recorded for the campaign (a redelivery does not count again).</summary>
    public long Impressions { get; set; }

    public long Engagements { get; set; }
    public long Clicks { get; set; }
    public AdPendingCharge? Pending { get; set; }
    public DateTime UpdatedAt { get; set; }
    public long Version { get; set; }
}

/// <summary>
/// A campaign's pacing on one of its local days, kept apart from the billed counter: what was delivered (expected cost
/// of what was served), which the ranking job compares with the day's elapsed share to set a pass rate. Id: <c>{campaignId}:{yyyy-MM-dd}</c>.
/// </summary>
public sealed class AdPacingDocument : IVersionedDocument
{
    public string Id { get; set; } = "";
    public string CampaignId { get; set; } = "";
    public string Day { get; set; } = "";
    public decimal Delivered { get; set; }
    public long Served { get; set; }
    public DateTime UpdatedAt { get; set; }
    public long Version { get; set; }

    public static string MakeId(string campaignId, string day) => $"{campaignId}:{day}";
}

/// <summary>One ranked campaign of a slate, with the numbers that ranked it and the second price it pays when it wins.</summary>
public sealed class AdSlateEntry
{
    public string CampaignId { get; set; } = "";
    public double Score { get; set; }
    public decimal Price { get; set; }
    public double PassRate { get; set; } = 1;
    public double Relevance { get; set; }
    public double PredictedEngagement { get; set; }
    public double Quality { get; set; }
}

/// <summary>
/// The ranked campaigns of one audience segment in one ranking run. Id: <c>{runId}:{segmentId}</c>. A run's slates
/// are served only once <see cref="AdSlateSetDocument"/> points at the run, so a half-written run is never read.
/// </summary>
public sealed class AdSlateDocument
{
    public string Id { get; set; } = "";
    public string RunId { get; set; } = "";
    public string SegmentId { get; set; } = "";
    public List<AdSlateEntry> Entries { get; set; } = [];
    public DateTime CreatedAt { get; set; }

    public static string MakeId(string runId, string segmentId) => $"{runId}:{segmentId}";
}

/// <summary>The slate set being served. Id: <see cref="CurrentId"/>. Switched by a versioned write after a run wrote all its slates.</summary>
public sealed class AdSlateSetDocument : IVersionedDocument
{
    public const string CurrentId = "current";

    public string Id { get; set; } = CurrentId;
    public string RunId { get; set; } = "";
    public string? PreviousRunId { get; set; }
    public int Segments { get; set; }
    public DateTime RanAt { get; set; }
    public long Version { get; set; }
}
