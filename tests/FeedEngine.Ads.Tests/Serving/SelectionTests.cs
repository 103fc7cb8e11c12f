namespace FeedEngine.Ads.Tests.Serving;

public sealed class SelectionTests
{
    [Fact]
    public async Task SelectAsync_frequencyCapsPerViewerPerDayAndPerSession()
    {
        using var host = new ServingHost();
        var capped = await host.AddCampaignAsync("capped", bid: 9, change: c => c.FrequencyCaps = new FrequencyCaps { PerViewerPerDay = 3, PerSession = 1 });
        var other = await host.AddCampaignAsync("other", bid: 2);
        await host.RankAsync();

        // One per session: the second opportunity in the same session goes to the next campaign.
        Assert.Equal(capped.Id, (await host.SelectAsync("v1", sessionId: "s1"))!.Campaign.Id);
        Assert.Equal(other.Id, (await host.SelectAsync("v1", sessionId: "s1"))!.Campaign.Id);
        Assert.Equal(capped.Id, (await host.SelectAsync("v1", sessionId: "s2"))!.Campaign.Id);
        Assert.Equal(capped.Id, (await host.SelectAsync("v1", sessionId: "s3"))!.Campaign.Id);
        // Three a day for this viewer, wherever.
        Assert.Equal(other.Id, (await host.SelectAsync("v1", sessionId: "s4"))!.Campaign.Id);
        Assert.Equal(other.Id, (await host.SelectAsync("v1"))!.Campaign.Id);
        // Another viewer is not capped; 24 hours later neither is this one.
        Assert.Equal(capped.Id, (await host.SelectAsync("v2", sessionId: "s9"))!.Campaign.Id);
        host.Clock.Advance(TimeSpan.FromHours(24.1));
        await host.RankAsync();
        Assert.Equal(capped.Id, (await host.SelectAsync("v1", sessionId: "s5"))!.Campaign.Id);
    }

    [Theory]
    [InlineData("kind")]
    [InlineData("tag")]
    [InlineData("rating")]
    [InlineData("moderation")]
    [InlineData("llamaGuard")]
    [InlineData("targetedRating")]
    public async Task SelectAsync_exclusionsKeepTheCampaignAwayAndTheNextOneServes(string excluded)
    {
        using var host = new ServingHost();
        var careful = await host.AddCampaignAsync("careful", bid: 9, change: c =>
        {
            c.Exclusions = new CampaignExclusions { PostKinds = [PostKind.Game], Tags = ["Horror"], AgeRatings = [AgeRating.Mature], ModerationCategories = ["violence"] };
            c.Targeting.AgeRatings = [AgeRating.Everyone, AgeRating.Mature];
        });
        var other = await host.AddCampaignAsync("other", bid: 2);
        await host.RankAsync();

        Assert.Equal(careful.Id, (await host.SelectAsync("v", kind: PostKind.Story, tags: ["cozy"], moderation: ["S6"]))!.Campaign.Id);
        var picked = excluded switch
        {
            "kind" => await host.SelectAsync("v", kind: PostKind.Game),
            "tag" => await host.SelectAsync("v", tags: ["cozy", "horror"]),
            "rating" => await host.SelectAsync("v", rating: AgeRating.Mature),
            "moderation" => await host.SelectAsync("v", moderation: ["violence"]),
            "llamaGuard" => await host.SelectAsync("v", moderation: ["S1"]),
            _ => await host.SelectAsync("v", rating: AgeRating.Teen),
        };
        Assert.Equal(other.Id, picked!.Campaign.Id);
    }

    [Fact]
    public async Task SelectAsync_secondPriceAgainstTheRunnerUpAndStoredWithThePlacement()
    {
        using var host = new ServingHost();
        var high = await host.AddCampaignAsync("high", bid: 10);
        await host.AddCampaignAsync("low", bid: 4);
        await host.RankAsync();

        var picked = (await host.SelectAsync("v"))!;

        Assert.Equal(high.Id, picked.Campaign.Id);
        // Same predicted engagement, relevance and quality: it pays the runner-up's bid.
        Assert.Equal(4m, picked.Placement.Price);
        var stored = await host.Get<IAdPlacementRepository>().FindAsync(picked.Placement.Id);
        Assert.Equal(4m, stored!.Price);
        Assert.Equal("v", stored.ViewerId);
    }

    [Fact]
    public async Task SelectAsync_noSlatesYet_returnsNothing()
    {
        using var host = new ServingHost();
        await host.AddCampaignAsync("c", bid: 1);
        Assert.Null(await host.SelectAsync("v"));
    }
}
