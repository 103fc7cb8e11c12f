namespace FeedEngine.Ads.Tests.Campaigns;

public sealed class CampaignDeliveryTests
{
    static readonly DateTime Now = new(2030, 6, 10, 12, 0, 0, DateTimeKind.Utc);

    static CampaignDocument Campaign(ReviewStatus review = ReviewStatus.Approved, bool paused = false, int startsInDays = -1, int endsInDays = 10) => new()
    {
        Review = review, Paused = paused, StartsAt = Now.AddDays(startsInDays), EndsAt = Now.AddDays(endsInDays),
        TotalBudget = 100m, DailyBudget = 10m, TimeZone = "Pacific/Auckland",
    };

    public static TheoryData<string, DeliveryState> States => new()
    {
        { "running", DeliveryState.Running },
        { "pending", DeliveryState.AwaitingReview },
        { "pending and paused", DeliveryState.AwaitingReview },
        { "rejected", DeliveryState.Rejected },
        { "paused", DeliveryState.Paused },
        { "not started", DeliveryState.Scheduled },
        { "ended", DeliveryState.Ended },
        { "total spent", DeliveryState.BudgetSpent },
        { "today spent", DeliveryState.DailyBudgetSpent },
    };

    [Theory, MemberData(nameof(States))]
    public void StateOf_eligibleOnlyWhenApprovedRunningAndWithBudgetLeft(string situation, DeliveryState expected)
    {
        var (campaign, spend) = situation switch
        {
            "running" => (Campaign(), new CampaignSpend(99.99m, 9.99m)),
            "pending" => (Campaign(ReviewStatus.PendingReview), CampaignSpend.None),
            "pending and paused" => (Campaign(ReviewStatus.PendingReview, paused: true), CampaignSpend.None),
            "rejected" => (Campaign(ReviewStatus.Rejected), CampaignSpend.None),
            "paused" => (Campaign(paused: true), CampaignSpend.None),
            "not started" => (Campaign(startsInDays: 1), CampaignSpend.None),
            "ended" => (Campaign(endsInDays: 0), CampaignSpend.None),
            "total spent" => (Campaign(), new CampaignSpend(100m, 0m)),
            _ => (Campaign(), new CampaignSpend(50m, 10m)),
        };

        Assert.Equal(expected, CampaignDelivery.StateOf(campaign, spend, Now));
        Assert.Equal(expected == DeliveryState.Running, CampaignDelivery.IsEligible(campaign, spend, Now));
    }

    [Fact]
    public void SpendOf_todayIsTheCampaignsLocalDay()
    {
        // 12:00 UTC on 10 June is 00:00 on 11 June in Auckland (NZST, UTC+12).
        var campaign = Campaign();
        AdLedgerEntryDocument Entry(decimal amount, int hour) => new() { Amount = amount, OccurredAt = new DateTime(2030, 6, 10, hour, 0, 0, DateTimeKind.Utc) };

        var spend = CampaignDelivery.SpendOf(campaign, [Entry(1.10m, 11), Entry(2.20m, 12), Entry(-0.20m, 13)], Now);

        Assert.Equal(3.10m, spend.Total);
        Assert.Equal(2.00m, spend.Today);
    }
}
