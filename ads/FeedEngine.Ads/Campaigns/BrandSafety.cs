namespace FeedEngine.Ads.Campaigns;

/// <summary>
/// The moderation categories (GARM-style) an advertiser can keep its campaign away from. The serving side compares them
/// with the categories moderation gives each turn.
/// </summary>
public static class BrandSafety
{
    public static IReadOnlyList<(string Id, string Label)> Categories { get; } =
    [
        ("adult", "Adult and sexual content"),
        ("violence", "Violence and gore"),
        ("hate", "Hate speech"),
        ("drugs", "Drugs"),
        ("alcohol", "Alcohol"),
        ("gambling", "Gambling"),
        ("weapons", "Weapons"),
        ("crime", "Crime"),
        ("selfHarm", "Self-harm"),
        ("profanity", "Profanity"),
        ("politics", "Politics"),
        ("religion", "Religion"),
    ];

    public static string? Find(string value) =>
        Categories.Select(c => c.Id).FirstOrDefault(id => id.Equals(value, StringComparison.OrdinalIgnoreCase));
}
