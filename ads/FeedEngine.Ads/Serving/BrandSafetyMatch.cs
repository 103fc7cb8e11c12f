using FeedEngine.Ads.Campaigns;
using FeedEngine.Safety.Moderation;
using FeedEngine.Storage.Campaigns;
using FeedEngine.Storage.Posts;

namespace FeedEngine.Ads.Serving;

/// <summary>
/// Whether a campaign may appear at an opportunity: its exclusions (post kinds, tags, age ratings, and the brand-safety
/// categories of the turn it would follow) and its targeted age ratings. Moderation speaks Llama Guard (S1 to S14) and
/// policy codes; they are read as the brand-safety categories advertisers exclude.
/// </summary>
public static class BrandSafetyMatch
{
    static readonly Dictionary<string, string[]> FromModeration = new(StringComparer.OrdinalIgnoreCase)
    {
        ["S1"] = ["violence", "crime"],
        ["S2"] = ["crime"],
        ["S3"] = ["adult", "crime"],
        ["S4"] = ["adult", "crime"],
        ["S9"] = ["weapons", "violence"],
        ["S10"] = ["hate"],
        ["S11"] = ["selfHarm"],
        ["S12"] = ["adult"],
        ["S13"] = ["politics"],
        [PolicyCategories.MatureContent] = ["adult"],
    };

    /// <summary>The brand-safety ids behind moderation categories (ids already in that vocabulary pass through).</summary>
    public static HashSet<string> Categories(IEnumerable<string> moderation)
    {
        var ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var code in moderation)
        {
            if (FromModeration.TryGetValue(code, out var mapped)) ids.UnionWith(mapped);
            else if (BrandSafety.Find(code) is { } id) ids.Add(id);
        }
        return ids;
    }

    public static bool Allows(CampaignDocument campaign, PostKind? kind, IReadOnlyCollection<string> tags, AgeRating rating, HashSet<string> categories)
    {
        var x = campaign.Exclusions;
        if (kind is { } k && x.PostKinds.Contains(k)) return false;
        if (x.AgeRatings.Contains(rating)) return false;
        if (campaign.Targeting.AgeRatings.Count > 0 && !campaign.Targeting.AgeRatings.Contains(rating)) return false;
        foreach (var tag in x.Tags)
            if (tags.Contains(tag, StringComparer.OrdinalIgnoreCase)) return false;
        foreach (var category in x.ModerationCategories)
            if (categories.Contains(category)) return false;
        return true;
    }
}
