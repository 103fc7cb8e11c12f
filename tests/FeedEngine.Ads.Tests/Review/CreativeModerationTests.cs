using FeedEngine.Ads.Campaigns;
using FeedEngine.Ads.Review;
using FeedEngine.Ads.Tests.Campaigns;
using FeedEngine.Safety.Moderation;

namespace FeedEngine.Ads.Tests.Review;

/// <summary>
/// Campaign creatives through moderation (the policy stage with the platform's default mature terms: an ad may reach
/// anyone): a flagged creative waits in the review queue with its reason and cannot be approved; a clean edit clears it.
/// </summary>
public sealed class CreativeModerationTests : IDisposable
{
    static readonly DateTimeOffset Monday = new(2030, 6, 10, 9, 0, 0, TimeSpan.Zero);
    static readonly AdsCaller Advertiser = new("advertiser-1", IsAdmin: false);
    static readonly AdsCaller Admin = new("admin-1", IsAdmin: true);
    readonly AdsStore store = new(Monday);

    public void Dispose() => store.Dispose();

    static CampaignRequest Request(string welcome, string headline = "Winter coffee", string persona = "A friendly barista who loves beans.") => new()
    {
        Name = "Winter",
        TotalBudget = 20m,
        DailyBudget = 5m,
        Bid = 1m,
        BidType = "cpe",
        StartsAt = "2030-06-11T00:00",
        EndsAt = "2030-06-30T00:00",
        TimeZone = "UTC",
        Headline = headline,
        LandingUrl = "https://coffee.example/",
        SponsoredInteraction = new(persona, welcome, ["What's new?"], "https://coffee.example/terms"),
    };

    [Theory]
    [InlineData("Our beans hit harder than cocaine. Ask me anything!", "Winter coffee", "sponsoredInteraction.welcome", "the welcome line")]
    [InlineData("Ask me anything!", "Better than heroin", "headline", "the headline")]
    public async Task FlaggedCreative_waitsInTheQueueWithItsReason_andCannotBeApproved(string welcome, string headline, string field, string part)
    {
        var created = await store.CampaignService.CreateAsync(Advertiser, Request(welcome, headline));

        Assert.True(created.Succeeded, created.Error?.Message);
        var flag = created.Value.Review.Moderation;
        Assert.NotNull(flag);
        Assert.Equal(field, flag.Field);
        Assert.Equal([PolicyCategories.MatureContent], flag.Categories);
        Assert.Contains(part, flag.Reason, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(PolicyCategories.MatureContent, flag.Reason);
        var queued = Assert.Single((await store.Review.QueueAsync()).Items, c => c.CampaignId == created.Value.CampaignId);
        Assert.Equal(flag.Reason, queued.Review.Moderation?.Reason);

        var approve = await store.Review.ApproveAsync(Admin, created.Value.CampaignId, null);

        Assert.False(approve.Succeeded);
        Assert.Equal(AdsErrorKind.Flagged, approve.Error.Kind);
        Assert.Contains(PolicyCategories.MatureContent, approve.Error.Message);
        Assert.Equal([field], approve.Error.Errors!.Keys);
        var stored = await store.Campaigns.FindAsync(created.Value.CampaignId);
        Assert.Equal(ReviewStatus.PendingReview, stored!.Review);
        Assert.Null(stored.ReviewedBy);

        // The reviewer can still reject it, with a reason for the advertiser.
        var reject = await store.Review.RejectAsync(Admin, created.Value.CampaignId, new ReviewRequest("Mature terms in an ad."));
        Assert.True(reject.Succeeded, reject.Error?.Message);
        Assert.Equal(CampaignStatus.Rejected, reject.Value.Status);
    }

    [Fact]
    public async Task CleanEditOfAFlaggedCreative_clearsTheFlag_andCanBeApproved()
    {
        var created = await store.CampaignService.CreateAsync(Advertiser, Request("Stronger than cocaine!"));
        Assert.NotNull(created.Value!.Review.Moderation);

        var edited = await store.CampaignService.UpdateAsync(Advertiser, created.Value.CampaignId, Request("Warm up with a fresh cup!"));
        Assert.True(edited.Succeeded, edited.Error?.Message);
        Assert.Null(edited.Value.Review.Moderation);

        var approve = await store.Review.ApproveAsync(Admin, created.Value.CampaignId, null);
        Assert.True(approve.Succeeded, approve.Error?.Message);
        Assert.Equal(CampaignStatus.Approved, approve.Value.Status);
    }

    [Fact]
    public async Task CreativeFlaggedOnlyAtReview_isStoredForTheQueue_andNotApproved()
    {
        // Submitted clean, then the creative in the store turns hostile (as when the rules tighten after submission).
        var created = await store.CampaignService.CreateAsync(Advertiser, Request("Warm up with a fresh cup!"));
        Assert.Null(created.Value!.Review.Moderation);
        var stored = (await store.Campaigns.FindAsync(created.Value.CampaignId))!;
        stored.Creative.SponsoredInteraction!.Persona = "A barista who explains how to snort the beans.";
        Assert.Equal(Storage.WriteOutcome.Ok, await store.Campaigns.UpdateAsync(stored));

        var approve = await store.Review.ApproveAsync(Admin, created.Value.CampaignId, null);

        Assert.Equal(AdsErrorKind.Flagged, approve.Error?.Kind);
        var after = (await store.Campaigns.FindAsync(created.Value.CampaignId))!;
        Assert.Equal(("sponsoredInteraction.persona", ReviewStatus.PendingReview), (after.Moderation?.Field, after.Review));
    }
}
