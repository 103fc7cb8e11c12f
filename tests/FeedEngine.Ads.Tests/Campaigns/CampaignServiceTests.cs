using Microsoft.Extensions.DependencyInjection;
using FeedEngine.Ads.Review;

namespace FeedEngine.Ads.Tests.Campaigns;

/// <summary>The services on the real embedded store: eligibility over (simulated) time, and edits that race a review.</summary>
public sealed class CampaignServiceTests : IDisposable
{
    static readonly DateTimeOffset Monday = new(2030, 6, 10, 9, 0, 0, TimeSpan.Zero);
    readonly AdsStore store = new(Monday);
    static readonly AdsCaller Advertiser = new("advertiser-1", IsAdmin: false);
    static readonly AdsCaller Admin = new("admin-1", IsAdmin: true);

    public void Dispose() => store.Dispose();

    static CampaignRequest Request(string headline = "Winter coffee") => new()
    {
        Name = "Winter",
        TotalBudget = 20m,
        DailyBudget = 5m,
        Bid = 1m,
        BidType = "cpe",
        StartsAt = "2030-06-11T00:00",
        EndsAt = "2030-06-30T00:00",
        TimeZone = "Asia/Tokyo",
        Headline = headline,
        LandingUrl = "https://coffee.example/",
    };

    async Task<CampaignView> CreateAsync(CampaignRequest? request = null)
    {
        var created = await store.CampaignService.CreateAsync(Advertiser, request ?? Request());
        Assert.True(created.Succeeded, created.Error?.Message);
        return created.Value;
    }

    async Task ChargeAsync(string campaignId, decimal amount) =>
        await store.Ledger.AppendAsync(new AdLedgerEntryDocument
        {
            Id = Guid.NewGuid().ToString("n"), CampaignId = campaignId, Amount = amount, Currency = "USD", OccurredAt = store.Clock.GetUtcNow().UtcDateTime,
        });

    async Task<CampaignView> ViewAsync(string campaignId) => (await store.CampaignService.GetAsync(Advertiser, campaignId)).Value!;

    [Fact]
    public async Task Eligibility_followsReviewScheduleAndBothBudgetsInTheCampaignsDay()
    {
        var campaign = await CreateAsync();
        Assert.Equal(DeliveryState.AwaitingReview, campaign.Delivery);

        Assert.True((await store.Review.ApproveAsync(Admin, campaign.CampaignId, null)).Succeeded);
        Assert.Equal(DeliveryState.Scheduled, (await ViewAsync(campaign.CampaignId)).Delivery);

        // Tokyo is UTC+9: the campaign starts at 2030-06-10 15:00 UTC.
        store.Clock.SetUtcNow(new DateTimeOffset(2030, 6, 10, 15, 0, 0, TimeSpan.Zero));
        var running = await ViewAsync(campaign.CampaignId);
        Assert.Equal(DeliveryState.Running, running.Delivery);
        Assert.True(running.Eligible);
        Assert.Contains(running.CampaignId, (await store.Campaigns.ListLiveAsync(store.Clock.GetUtcNow().UtcDateTime)).Select(c => c.Id));

        await ChargeAsync(campaign.CampaignId, 5m);
        Assert.Equal(DeliveryState.DailyBudgetSpent, (await ViewAsync(campaign.CampaignId)).Delivery);

        // 14:59 UTC the next day is still 23:59 that same Tokyo day; a minute later it is a new day with a new budget.
        store.Clock.SetUtcNow(new DateTimeOffset(2030, 6, 11, 14, 59, 0, TimeSpan.Zero));
        Assert.Equal(DeliveryState.DailyBudgetSpent, (await ViewAsync(campaign.CampaignId)).Delivery);
        store.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(DeliveryState.Running, (await ViewAsync(campaign.CampaignId)).Delivery);

        await ChargeAsync(campaign.CampaignId, 15m);
        var spent = await ViewAsync(campaign.CampaignId);
        Assert.Equal(DeliveryState.BudgetSpent, spent.Delivery);
        Assert.Equal(0m, spent.Remaining);
        Assert.False(spent.Eligible);
    }

    [Fact]
    public async Task Update_losingARaceWithAnApproval_appliesTheBudgetEditAndKeepsTheApproval()
    {
        var campaign = await CreateAsync();
        store.BeforeNextUpdate = async () => Assert.True((await store.Review.ApproveAsync(Admin, campaign.CampaignId, null)).Succeeded);

        var edited = await store.CampaignService.UpdateAsync(Advertiser, campaign.CampaignId, Request() with { TotalBudget = 30m });

        Assert.True(edited.Succeeded, edited.Error?.Message);
        Assert.Equal(CampaignStatus.Approved, edited.Value.Status);
        Assert.Equal(30m, edited.Value.TotalBudget);
        var stored = await store.Campaigns.FindAsync(campaign.CampaignId);
        Assert.Equal((ReviewStatus.Approved, 30m, 3L), (stored!.Review, stored.TotalBudget, stored.Version));
    }

    [Fact]
    public async Task Update_losingARaceWithAnApproval_stillSendsAChangedCreativeBackToReview()
    {
        var campaign = await CreateAsync();
        store.BeforeNextUpdate = async () => Assert.True((await store.Review.ApproveAsync(Admin, campaign.CampaignId, null)).Succeeded);

        var edited = await store.CampaignService.UpdateAsync(Advertiser, campaign.CampaignId, Request("A headline the admin never saw"));

        Assert.Equal(CampaignStatus.PendingReview, edited.Value!.Status);
        Assert.Equal(2, edited.Value.CreativeRevision);
    }

    [Fact]
    public async Task Approve_losingARaceWithACreativeEdit_isRefusedAndTheNewCreativeWaits()
    {
        var campaign = await CreateAsync();
        store.BeforeNextUpdate = async () =>
            Assert.True((await store.CampaignService.UpdateAsync(Advertiser, campaign.CampaignId, Request("Swapped at the last second"))).Succeeded);

        var approved = await store.Review.ApproveAsync(Admin, campaign.CampaignId, new ReviewRequest());

        Assert.Equal(AdsErrorKind.Conflict, approved.Error?.Kind);
        var stored = await store.Campaigns.FindAsync(campaign.CampaignId);
        Assert.Equal((ReviewStatus.PendingReview, "Swapped at the last second"), (stored!.Review, stored.Creative.Headline));
    }

    [Fact]
    public async Task Update_withNothingChanged_writesNothing()
    {
        var campaign = await CreateAsync();

        var same = await store.CampaignService.UpdateAsync(Advertiser, campaign.CampaignId, Request());

        Assert.Equal(1, same.Value!.Version);
        Assert.Equal(1, (await store.Campaigns.FindAsync(campaign.CampaignId))!.Version);
    }

    [Fact]
    public async Task Create_pastTheLimitOfCampaignsPerAdvertiser_isRefused()
    {
        var options = store.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<AdsOptions>>().Value;
        options.MaxCampaignsPerAdvertiser = 2;
        await CreateAsync();
        await CreateAsync();

        var third = await store.CampaignService.CreateAsync(Advertiser, Request());

        Assert.Equal(AdsErrorKind.Conflict, third.Error?.Kind);
        Assert.Contains("2 campaigns", third.Error!.Message);
    }
}
