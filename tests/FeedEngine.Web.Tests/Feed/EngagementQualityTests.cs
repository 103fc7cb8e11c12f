using FeedEngine.Storage.Posts;
using FeedEngine.Web.Feed.Ranking;

namespace FeedEngine.Web.Tests.Feed;

/// <summary>The engagement quality formula: the prior, its bounds, monotonic signals, odd and hostile counts.</summary>
public sealed class EngagementQualityTests
{
    static readonly EngagementPrior Prior = new(TurnsPerSession: 4, ReturnRate: 0.25, OpenRate: 0.1);

    static PostEngagementCounts Counts(long views = 0, long opens = 0, int sessions = 0, int turns = 0, int viewers = 0, int returning = 0) =>
        new("p", views, opens, sessions, turns, viewers, returning);

    static double Q(PostEngagementCounts counts) => EngagementQuality.Of(counts, Prior);

    [Fact]
    public void Of_noData_isNeutral_andSoIsAPostExactlyAtTheMean()
    {
        Assert.Equal(EngagementQuality.Neutral, Q(Counts()), 12);
        Assert.Equal(EngagementQuality.Neutral, Q(Counts(views: 1_000, opens: 100, sessions: 100, turns: 400, viewers: 80, returning: 20)), 12);
    }

    [Fact]
    public void Of_twoViewsBothPerfect_staysCloseToThePrior_whileTheSameRatesOverManyViewsScoreHigh()
    {
        var tiny = Q(Counts(views: 2, opens: 2, sessions: 2, turns: 40, viewers: 2, returning: 2));
        var proven = Q(Counts(views: 2_000, opens: 2_000, sessions: 2_000, turns: 40_000, viewers: 2_000, returning: 2_000));

        Assert.InRange(tiny, EngagementQuality.Neutral, 0.75);
        Assert.InRange(proven, 0.8, 1.0);
        Assert.True(proven > tiny + 0.15, $"{proven} vs {tiny}");
    }

    [Fact]
    public void Of_eachSignalAlone_raisesTheQualityStrictly()
    {
        var baseline = Counts(views: 100, opens: 10, sessions: 10, turns: 40, viewers: 10, returning: 2);
        var q = Q(baseline);

        Assert.True(Q(baseline with { ViewerTurns = 80 }) > q, "deeper talks");
        Assert.True(Q(baseline with { ReturnViewers = 6 }) > q, "more return viewers");
        Assert.True(Q(baseline with { Opens = 40 }) > q, "more opens per view");
        // And each lowers it when it falls.
        Assert.True(Q(baseline with { ViewerTurns = 10 }) < q);
        Assert.True(Q(baseline with { ReturnViewers = 0 }) < q);
        Assert.True(Q(baseline with { Opens = 1 }) < q);
    }

    [Fact]
    public void Of_moreEvidenceAtTheSameGoodRates_movesFurtherFromThePrior()
    {
        var scores = new[] { 1, 10, 100, 1_000 }.Select(n => Q(Counts(views: 10 * n, opens: 5 * n, sessions: 5 * n, turns: 40 * n, viewers: 5 * n, returning: 4 * n))).ToList();

        Assert.Equal(scores.Order(), scores);
        Assert.True(scores[0] > EngagementQuality.Neutral);
    }

    public static TheoryData<PostEngagementCounts> OddCounts => new()
    {
        Counts(views: 0, opens: 50),                                         // opens without views (shared links)
        Counts(views: 3, opens: 1_000_000),                                  // more opens than views
        Counts(sessions: 0, turns: 500),                                     // turns but no session counted
        Counts(viewers: 2, returning: 90),                                   // more return viewers than viewers
        Counts(views: -5, opens: -1, sessions: -3, turns: -100, viewers: -2, returning: -1), // negative (corrupt) counts
        Counts(views: long.MaxValue, opens: long.MaxValue, sessions: int.MaxValue, turns: int.MaxValue, viewers: int.MaxValue, returning: int.MaxValue),
        Counts(views: long.MaxValue, opens: 0, sessions: int.MaxValue, turns: 0, viewers: int.MaxValue, returning: 0),
        Counts(views: 1, opens: long.MaxValue, sessions: 1, turns: int.MaxValue, viewers: 1, returning: int.MaxValue),
    };

    [Theory]
    [MemberData(nameof(OddCounts))]
    public void Of_oddOrHostileCounts_staysAFiniteNumberIn0To1(PostEngagementCounts counts)
    {
        var q = Q(counts);

        Assert.True(double.IsFinite(q));
        Assert.InRange(q, 0, 1);
    }

    [Fact]
    public void Of_oddCounts_areReadAsTheirSaneEquivalent()
    {
        Assert.Equal(Q(Counts(views: 50, opens: 50)), Q(Counts(views: 0, opens: 50)), 12);
        Assert.Equal(Q(Counts(viewers: 2, returning: 2)), Q(Counts(viewers: 2, returning: 90)), 12);
        Assert.Equal(Q(Counts()), Q(Counts(views: -5, opens: -1, sessions: -3, turns: -100, viewers: -2, returning: -1)), 12);
        // Nothing but views and no opens: below the average post, above zero.
        Assert.InRange(Q(Counts(views: 10_000)), 0.3, EngagementQuality.Neutral);
    }

    [Fact]
    public void Of_brokenPrior_isRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => EngagementQuality.Of(Counts(), Prior with { OpenRate = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => EngagementQuality.Of(Counts(), Prior with { TurnsPerSession = double.NaN }));
        Assert.Throws<ArgumentOutOfRangeException>(() => EngagementQuality.Of(Counts(), Prior with { ReturnRate = double.PositiveInfinity }));
    }

    [Fact]
    public void PriorFrom_poolsThePopulation_andFallsBackToTheDefaultWithNoData()
    {
        Assert.Equal(EngagementPrior.Default, EngagementPrior.From([]));

        var prior = EngagementPrior.From([Counts(views: 995, opens: 99, sessions: 995, turns: 9_985, viewers: 995, returning: 499)]);

        Assert.Equal(10, prior.TurnsPerSession, 9);
        Assert.Equal(0.1, prior.OpenRate, 9);
        Assert.Equal(0.5, prior.ReturnRate, 9);
    }
}
