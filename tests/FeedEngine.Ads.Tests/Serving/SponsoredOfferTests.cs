using FeedEngine.Ads.Serving;
using FeedEngine.Engine.Abstractions.Ads;

namespace FeedEngine.Ads.Tests.Serving;

/// <summary>Finding an offer again for the brand's answer or a brand conversation: only its viewer's, only while the campaign serves.</summary>
public sealed class SponsoredOfferTests
{
    [Theory]
    [InlineData("live")]
    [InlineData("unknown")]
    [InlineData("otherViewer")]
    [InlineData("hostileId")]
    [InlineData("paused")]
    [InlineData("ended")]
    [InlineData("budgetSpent")]
    public async Task FindOfferAsync_onlyTheViewersPlacementWhileItsCampaignServes(string situation)
    {
        using var host = new ServingHost();
        var campaign = await host.AddCampaignAsync("scopes", bid: 5, type: FeedEngine.Storage.Campaigns.BidType.Cpe, total: 0.05m);
        await host.RankAsync();
        var placement = (await host.SelectAsync("v1", sessionId: "s1"))!.Placement;
        var selector = host.Get<SponsoredSelector>();
        var placementId = placement.Id;
        var viewer = "v1";
        switch (situation)
        {
            case "unknown": placementId = "no-such-placement"; break;
            case "otherViewer": viewer = "v2"; break;
            case "hostileId": placementId = new string('x', 5_000) + "'; drop"; break;
            case "paused":
                var stored = (await host.Campaigns.FindAsync(campaign.Id))!;
                stored.Paused = true;
                Assert.Equal(FeedEngine.Storage.WriteOutcome.Ok, await host.Campaigns.UpdateAsync(stored));
                break;
            case "ended": host.Clock.Advance(TimeSpan.FromDays(31)); break;
            case "budgetSpent":
                // A CPE engagement at the reserve price (0.05, no runner-up) spends the whole budget.
                await host.Events.RecordAsync(placement.Id, FeedEngine.Storage.Campaigns.AdEventKind.Engagement, "v1");
                break;
        }

        var offer = await selector.FindOfferAsync(placementId, viewer);

        if (situation == "live")
        {
            Assert.NotNull(offer);
            Assert.Equal((placement.Id, campaign.Id, "Sponsored"), (offer.PlacementId, offer.CampaignId, offer.Label));
            Assert.Equal("You are scopes's friendly guide.", offer.Persona);
            Assert.Equal(SponsoredSelector.PersonaRules, offer.PersonaRules);
        }
        else Assert.Null(offer);
    }
}
