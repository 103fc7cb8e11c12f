namespace FeedEngine.Ads.Ranking;

/// <summary>
/// Pacing: a campaign's day should spend along a straight curve, budget x (elapsed share of its local day + a small lead).
/// The pass rate (the share of opportunities it may take) is gain x the unspent share of that target, clamped to 0..1:
/// far behind, every opportunity; on the curve or ahead, none. It reads the pacing counter (what was delivered), never
/// the billed one, so a slow ledger cannot make a campaign overspend its curve.
/// </summary>
public static class AdPacing
{
    public static double ElapsedShare(DateTime now, DateTime dayStartUtc, DateTime nextDayStartUtc)
    {
        var length = (nextDayStartUtc - dayStartUtc).TotalSeconds;
        return length <= 0 ? 1 : Math.Clamp((now - dayStartUtc).TotalSeconds / length, 0, 1);
    }

    public static decimal Target(decimal dailyBudget, double elapsedShare, double lead) =>
        dailyBudget * (decimal)Math.Min(1, elapsedShare + lead);

    public static double PassRate(decimal delivered, decimal dailyBudget, double elapsedShare, double lead, double gain)
    {
        var target = Target(dailyBudget, elapsedShare, lead);
        if (target <= 0) return 0;
        var unspent = (double)((target - delivered) / target);
        return Math.Clamp(unspent * gain, 0, 1);
    }
}
