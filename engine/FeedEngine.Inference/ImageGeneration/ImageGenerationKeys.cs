namespace FeedEngine.Inference.ImageGeneration;

/// <summary>
/// The <c>ImageGenerationOptions.AdditionalProperties</c> keys FeedEngine's image generators read. They are the seam's
/// wire contract: callers in other projects spell the same strings (a test keeps them equal).
/// </summary>
public static class ImageGenerationKeys
{
    /// <summary>A 64-bit seed (long, int or its string): the same prompt, size, steps and seed give the same picture. Unset: a random seed, returned with the image.</summary>
    public const string Seed = "seed";

    /// <summary>Denoising steps, 1 to 4 for SD-Turbo-class models. Unset: the configured default (1).</summary>
    public const string Steps = "steps";

    /// <summary>The viewer the picture is for, so the scheduler can take turns between viewers; never sent to a model server.</summary>
    public const string ViewerId = Scheduling.ChatOptionsViewer.ViewerIdKey;
}
