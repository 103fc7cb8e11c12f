using FeedEngine.Storage.Posts;

namespace FeedEngine.Web.Feed.Ranking;

/// <summary>
/// A post's engagement quality in 0..1 for <see cref="FeedRanker"/>, from three signals counted the way creator analytics
/// counts them (<see cref="PostEngagementCounts"/>), each shrunk towards the population's mean so a post with two views
/// cannot look perfect:
/// <code>
/// talk depth    d = (viewerTurns   + Ks * mu_d) / (sessions + Ks)     Ks = 5 sessions
/// return rate   r = (returnViewers + Kr * mu_r) / (viewers  + Kr)     Kr = 10 viewers
/// open rate     o = (opens         + Kv * mu_o) / (views    + Kv)     Kv = 20 views
/// each signal s scores s / (s + mu_s): 0 with none, 0.5 at the mean, towards 1 far above it
/// quality       q = 0.45 * score(d) + 0.30 * score(r) + 0.25 * score(o)
/// </code>
/// mu_d, mu_r and mu_o are the population's turns per session, return viewers per viewer and opens per view
/// (<see cref="EngagementPrior.From"/>). A post with no data scores exactly <see cref="Neutral"/>; it moves away from it
/// only as its own sessions, viewers and views outweigh the pseudo-counts. Odd data is read safely: negative counts are 0,
/// opens beyond views count as views (an open from a shared link saw the post too), return viewers are at most the
/// viewers, and huge counts stay finite (doubles, never a division by zero: every denominator has its pseudo-count).
/// </summary>
public static class EngagementQuality
{
    public const double SessionsPseudoCount = 5;
    public const double ViewersPseudoCount = 10;
    public const double ViewsPseudoCount = 20;
    public const double DepthWeight = 0.45;
    public const double ReturnWeight = 0.30;
    public const double OpenWeight = 0.25;

    /// <summary>The quality of a post with no data yet, and of one exactly at the population's mean.</summary>
    public const double Neutral = 0.5;

    public static double Of(PostEngagementCounts counts, EngagementPrior prior)
    {
        if (!(prior.TurnsPerSession > 0 && prior.ReturnRate > 0 && prior.OpenRate > 0) || !double.IsFinite(prior.TurnsPerSession + prior.ReturnRate + prior.OpenRate))
            throw new ArgumentOutOfRangeException(nameof(prior), prior, "Every prior mean must be a positive finite number.");
        var (views, opens, sessions, turns, viewers, returning) = Clean(counts);
        var depth = (turns + SessionsPseudoCount * prior.TurnsPerSession) / (sessions + SessionsPseudoCount);
        var returnRate = (returning + ViewersPseudoCount * prior.ReturnRate) / (viewers + ViewersPseudoCount);
        var openRate = (opens + ViewsPseudoCount * prior.OpenRate) / (views + ViewsPseudoCount);
        var quality = DepthWeight * Relative(depth, prior.TurnsPerSession)
            + ReturnWeight * Relative(returnRate, prior.ReturnRate)
            + OpenWeight * Relative(openRate, prior.OpenRate);
        return Math.Clamp(quality, 0, 1);
    }

    static double Relative(double value, double mean) => value / (value + mean);

    /// <summary>The counts as the formula reads them (see the class remarks on odd data).</summary>
    internal static (double Views, double Opens, double Sessions, double Turns, double Viewers, double Returning) Clean(PostEngagementCounts c)
    {
        double opens = Math.Max(0, c.Opens), views = Math.Max(Math.Max(0, c.Views), opens);
        double viewers = Math.Max(0, c.Viewers), returning = Math.Min(Math.Max(0, c.ReturnViewers), viewers);
        return (views, opens, Math.Max(0, c.Sessions), Math.Max(0, c.ViewerTurns), viewers, returning);
    }
}

/// <summary>
/// The population means the quality shrinks towards. <see cref="From"/> pools every post read, plus a little default
/// pseudo-data (<see cref="Default"/>) so a population with no sessions or views still has a positive mean.
/// </summary>
public sealed record EngagementPrior(double TurnsPerSession, double ReturnRate, double OpenRate)
{
    /// <summary>What the prior is before anything is counted: 3 turns per session, 1 viewer in 5 returns, 1 view in 5 opens.</summary>
    public static readonly EngagementPrior Default = new(3, 0.2, 0.2);

    const double DefaultWeight = 5;

    public static EngagementPrior From(IEnumerable<PostEngagementCounts> population)
    {
        double views = 0, opens = 0, sessions = 0, turns = 0, viewers = 0, returning = 0;
        foreach (var counts in population)
        {
            var c = EngagementQuality.Clean(counts);
            views += c.Views; opens += c.Opens; sessions += c.Sessions; turns += c.Turns; viewers += c.Viewers; returning += c.Returning;
        }
        return new EngagementPrior(
            (turns + DefaultWeight * Default.TurnsPerSession) / (sessions + DefaultWeight),
            (returning + DefaultWeight * Default.ReturnRate) / (viewers + DefaultWeight),
            (opens + DefaultWeight * Default.OpenRate) / (views + DefaultWeight));
    }
}
