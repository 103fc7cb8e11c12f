namespace FeedEngine.Media.Uploads;

/// <summary>The renditions stored for every image, and the names used in <c>/images/{imageId}/{variant}</c>.</summary>
public static class ImageVariantNames
{
    public const string Thumbnail = "thumbnail";
    public const string Card = "card";
    public const string Full = "full";

    public static IReadOnlyList<string> All { get; } = [Thumbnail, Card, Full];

    public static bool IsKnown(string name) => name is Thumbnail or Card or Full;

    /// <summary>The public URL of one variant. Image ids are unguessable, so the URL needs no token.</summary>
    public static string UrlOf(string imageId, string variant) => $"/images/{imageId}/{variant}";
}
