namespace FeedEngine.Media.Generation;

/// <summary>
/// The <c>ImageGenerationOptions.AdditionalProperties</c> keys of FeedEngine's image generators (the Inference project
/// reads them; Media may not reference it, so the strings are spelled here too and a test keeps them equal).
/// </summary>
public static class ImageRequestKeys
{
    public const string Seed = "seed";
    public const string Steps = "steps";

    /// <summary>The viewer the picture is for: the generator's scheduler takes turns between viewers.</summary>
    public const string ViewerId = "feedengine.viewer_id";
}
