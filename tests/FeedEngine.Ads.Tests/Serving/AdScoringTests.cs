using FeedEngine.Ads.Ranking;

namespace FeedEngine.Ads.Tests.Serving;

public sealed class AdScoringTests
{
    const double Prior = 0.02;

    [Fact]
    public void Smoothed_newCampaignStartsAtThePriorMeanAndMovesWithItsHistory()
    {
        Assert.Equal(0.02, AdScoring.Smoothed(0, 0, 1, 49), 10);
        Assert.Equal((10 + 1) / (100 + 50.0), AdScoring.Smoothed(10, 100, 1, 49), 10);
        // A campaign with a lucky first impression is not rated 100 %.
        Assert.True(AdScoring.Smoothed(1, 1, 1, 49) < 0.05);
    }

    [Fact]
    public void Score_isBidTimesPredictedEngagementTimesRelevanceTimesQuality()
    {
        var cpe = new AdSignals(2m, BidType.Cpe, 0.05, 0.8, 1.5);
        Assert.Equal(2 * 1000 * 0.05 * 0.8 * 1.5, AdScoring.Score(cpe, Prior), 9);

        var cpm = new AdSignals(4m, BidType.Cpm, 0.04, 0.5, 1);
        Assert.Equal(4 * (0.04 / Prior) * 0.5 * 1, AdScoring.Score(cpm, Prior), 9);

        // Each factor moves the score: halve any one and the score halves.
        Assert.Equal(AdScoring.Score(cpe, Prior) / 2, AdScoring.Score(cpe with { Relevance = 0.4 }, Prior), 9);
        Assert.Equal(AdScoring.Score(cpe, Prior) / 2, AdScoring.Score(cpe with { Quality = 0.75 }, Prior), 9);
        Assert.Equal(AdScoring.Score(cpe, Prior) / 2, AdScoring.Score(cpe with { PredictedEngagement = 0.025 }, Prior), 9);
        Assert.Equal(AdScoring.Score(cpe, Prior) / 2, AdScoring.Score(cpe with { Bid = 1m }, Prior), 9);
    }

    [Fact]
    public void SecondPrice_paysJustEnoughToKeepItsRankNeverAboveItsBid()
    {
        var winner = new AdSignals(10m, BidType.Cpm, 0.02, 1, 1);   // score 10 per bid unit 1
        Assert.Equal(6m, AdScoring.SecondPrice(winner, runnerUpScore: 6, reserve: 0.5m, Prior));

        // A better quality winner pays less for the same runner-up: 6 / 2 = 3.
        Assert.Equal(3m, AdScoring.SecondPrice(winner with { Quality = 2 }, 6, 0.5m, Prior));

        // The price keeps the rank: at that price the winner's score is at least the runner-up's.
        var odd = new AdSignals(7m, BidType.Cpe, 0.013, 0.71, 1.3);
        var price = AdScoring.SecondPrice(odd, 50, 0.01m, Prior);
        Assert.True(AdScoring.Score(odd with { Bid = price }, Prior) >= 50);
        Assert.True(AdScoring.Score(odd with { Bid = price - 0.000001m }, Prior) < 50);

        // Never above the bid, even when the runner-up outscores (a throttled better campaign), and the reserve when alone.
        Assert.Equal(10m, AdScoring.SecondPrice(winner, 50, 0.5m, Prior));
        Assert.Equal(0.5m, AdScoring.SecondPrice(winner, null, 0.5m, Prior));
        Assert.Equal(0.2m, AdScoring.SecondPrice(winner with { Bid = 0.2m }, null, 0.5m, Prior));
        Assert.Equal(0.5m, AdScoring.SecondPrice(winner, 0.1, 0.5m, Prior));
    }

    [Fact]
    public void ChargeFor_cpmPaysPerImpressionCpePerEngagementNothingElse()
    {
        Assert.Equal(0.006m, AdScoring.ChargeFor(BidType.Cpm, AdEventKind.Impression, 6m));
        Assert.Equal(0m, AdScoring.ChargeFor(BidType.Cpm, AdEventKind.Engagement, 6m));
        Assert.Equal(0m, AdScoring.ChargeFor(BidType.Cpm, AdEventKind.Click, 6m));
        Assert.Equal(0.4m, AdScoring.ChargeFor(BidType.Cpe, AdEventKind.Engagement, 0.4m));
        Assert.Equal(0m, AdScoring.ChargeFor(BidType.Cpe, AdEventKind.Impression, 0.4m));
    }

    [Fact]
    public void PassRate_fullWhenBehindNoneWhenAheadOfTheCurve()
    {
        Assert.Equal(1, AdPacing.PassRate(0, 100, 0.5, 0.02, 10));
        Assert.Equal(0, AdPacing.PassRate(60, 100, 0.5, 0.02, 10));
        var near = AdPacing.PassRate(50, 100, 0.5, 0.02, 10);
        Assert.InRange(near, 0.3, 0.5);
        Assert.Equal(0, AdPacing.PassRate(100, 100, 1, 0.02, 10));
    }
}
