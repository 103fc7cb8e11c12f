using System.ComponentModel.DataAnnotations;

namespace FeedEngine.Ads;

/// <summary>Campaign settings (section <c>Ads</c>): the one currency money is held in, and limits.</summary>
public sealed class AdsOptions
{
    public const string SectionName = "Ads";

    /// <summary>The ISO 4217 code of every budget, bid and charge. A campaign keeps the currency it was created in.</summary>
    [Required, RegularExpression("^[A-Z]{3}$", ErrorMessage = "Ads:Currency must be an ISO 4217 code such as USD or EUR.")]
    public string Currency { get; set; } = "USD";

    /// <summary>Decimal places budgets and bids may have in <see cref="Currency"/> (2 for cents, 0 for JPY).</summary>
    [Range(0, 4)]
    public int CurrencyDecimals { get; set; } = 2;

    /// <summary>The largest budget or bid one campaign may name.</summary>
    [Range(typeof(decimal), "1", "1000000000000")]
    public decimal MaxAmount { get; set; } = 1_000_000_000m;

    /// <summary>How many campaigns one advertiser may hold.</summary>
    [Range(1, 100_000)]
    public int MaxCampaignsPerAdvertiser { get; set; } = 500;

    /// <summary>How many campaigns the review queue shows at once, longest waiting first.</summary>
    [Range(1, 1000)]
    public int ReviewQueueSize { get; set; } = 100;
}
