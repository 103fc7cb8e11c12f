using FeedEngine.Safety.Moderation;
using FeedEngine.Storage.Campaigns;
using FeedEngine.Storage.Posts;
using Microsoft.Extensions.Logging;

namespace FeedEngine.Ads.Review;

/// <summary>
/// Moderation of a campaign's creative (<see cref="ContentKind.AdCreative"/>: ads may reach anyone, so mature terms
/// count): the headline, the brand persona, the welcome line and the suggested prompts, each on its own. A flag goes
/// with the campaign into the review queue, and a flagged creative cannot be approved.
/// </summary>
public sealed partial class CreativeModeration(ModerationService moderation, ILogger<CreativeModeration> logger)
{
    /// <summary>The flag for the campaign's current creative, or null when moderation lets every part through.</summary>
    public async Task<CreativeFlag?> CheckAsync(CampaignDocument campaign, DateTime now, CancellationToken cancellationToken)
    {
        if (await moderation.FirstBlockedAsync(Parts(campaign.Creative), ContentKind.AdCreative, AgeRating.Everyone, campaign.Id, cancellationToken)
            is not { } block)
            return null;
        LogFlagged(logger, campaign.Id, campaign.CreativeRevision, block.Part.Field, string.Join(",", block.Decision.Categories));
        return new CreativeFlag
        {
            CreativeRevision = campaign.CreativeRevision,
            Field = block.Part.Field,
            Categories = [.. block.Decision.Categories],
            Reason = block.Describe(),
            At = now,
        };
    }

    static IEnumerable<ModeratedField> Parts(CampaignCreative creative) =>
    [
        new("headline", "the headline", creative.Headline),
        new("sponsoredInteraction.persona", "the brand persona", creative.SponsoredInteraction?.Persona ?? ""),
        new("sponsoredInteraction.welcome", "the welcome line", creative.SponsoredInteraction?.Welcome ?? ""),
        new("sponsoredInteraction.suggestedPrompts", "a suggested prompt", string.Join("\n", creative.SponsoredInteraction?.SuggestedPrompts ?? [])),
    ];

    [LoggerMessage(Level = LogLevel.Information, Message = "Campaign {CampaignId} creative {Revision} flagged by moderation: {Field} ({Categories})")]
    static partial void LogFlagged(ILogger logger, string campaignId, int revision, string field, string categories);
}
