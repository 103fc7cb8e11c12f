using FeedEngine.Storage.Campaigns;

namespace FeedEngine.Ads.Ranking;

/// <summary>What ranks a campaign in a segment: its bid, predicted engagement, relevance and quality.</summary>
public sealed record AdSignals(decimal Bid, BidType BidType, double PredictedEngagement, double Relevance, double Quality);

/// <summary>
/// The ranking formula and second-price charging (REFERENCE.md, Ads). The expected value of one impression, in bid units
/// per thousand impressions (eCPM), is bid x predicted engagement x relevance x quality:
/// a CPE campaign earns 1000 x p x bid per thousand impressions; a CPM campaign earns its bid, weighted by its predicted
/// engagement against the prior mean (an ad viewers answer is worth more than one they skip). Quality is the campaign's
/// smoothed click rate against the prior's. The winner pays just enough to keep its rank: the runner-up's score divided
/// by the winner's score per bid unit, never more than its bid.
/// </summary>
public static class AdScoring
{
    /// <summary>(events + a) / (impressions + a + b): a new campaign starts at the prior mean a / (a + b).</summary>
    public static double Smoothed(long events, long impressions, double a, double b) =>
        (Math.Min(events, impressions) + a) / (impressions + a + b);

    /// <summary>The expected value (eCPM) of showing the campaign once, the score it ranks by.</summary>
    public static double Score(AdSignals s, double priorEngagement) =>
        (double)s.Bid * EngagementFactor(s.BidType, s.PredictedEngagement, priorEngagement) * s.Relevance * s.Quality;

    /// <summary>How much one bid unit is worth per thousand impressions: 1000 x p for CPE, p / prior mean for CPM.</summary>
    public static double EngagementFactor(BidType type, double predictedEngagement, double priorEngagement) =>
        type == BidType.Cpe ? 1000 * predictedEngagement : predictedEngagement / priorEngagement;

    /// <summary>
    /// Generalized second price: the smallest price (rounded up to <paramref name="decimals"/> places) whose score still
    /// equals the runner-up's; the reserve when nobody ran; never above the bid and never below zero.
    /// </summary>
    public static decimal SecondPrice(AdSignals winner, double? runnerUpScore, decimal reserve, double priorEngagement, int decimals = 6)
    {
        var perUnit = Score(winner with { Bid = 1 }, priorEngagement);
        decimal price;
        if (runnerUpScore is not { } runner || perUnit <= 0) price = reserve;
        else
        {
            var exact = runner / perUnit;
            price = exact >= (double)winner.Bid ? winner.Bid : RoundUp((decimal)exact, decimals);
            if (price < reserve) price = reserve;
        }
        return Math.Clamp(price, 0, winner.Bid);
    }

    /// <summary>What one event costs at <paramref name="price"/>: a thousandth for a CPM impression, the price for a CPE engagement.</summary>
    public static decimal ChargeFor(BidType type, AdEventKind kind, decimal price) => (type, kind) switch
    {
        (BidType.Cpm, AdEventKind.Impression) => price / 1000m,
        (BidType.Cpe, AdEventKind.Engagement) => price,
        _ => 0m,
    };

    static decimal RoundUp(decimal value, int decimals)
    {
        var factor = (decimal)Math.Pow(10, decimals);
        return Math.Ceiling(value * factor) / factor;
    }
}
