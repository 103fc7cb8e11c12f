using System.ComponentModel.DataAnnotations;

namespace FeedEngine.Media.Generation;

/// <summary>Limits of scene pictures drawn in conversations (section <c>Media:Generation</c>).</summary>
public sealed class SceneImageOptions
{
    public const string SectionName = "Media:Generation";

    /// <summary>The widest picture a style may ask for, in pixels.</summary>
    [Range(64, 4096)]
    public int MaxWidth { get; set; } = 1024;

    /// <summary>The tallest picture a style may ask for, in pixels.</summary>
    [Range(64, 4096)]
    public int MaxHeight { get; set; } = 1024;

    /// <summary>Denoising steps per picture (SD-Turbo draws in 1; up to 4 sharpens).</summary>
    [Range(1, 50)]
    public int Steps { get; set; } = 1;

    /// <summary>The longest prompt built from a style and the state, in characters.</summary>
    [Range(16, 2000)]
    public int MaxPromptLength { get; set; } = 600;

    /// <summary>Pictures re-encoded and stored at once (each holds a decoded picture in memory).</summary>
    [Range(1, 64)]
    public int MaxConcurrentStores { get; set; } = 2;
}
