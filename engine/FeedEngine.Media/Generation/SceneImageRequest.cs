using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;
using FeedEngine.Media.Uploads;
using FeedEngine.Storage.Images;
using FeedEngine.Storage.Posts;

namespace FeedEngine.Media.Generation;

/// <summary>A picture a conversation asks for.</summary>
/// <param name="PostId">The post whose look the picture keeps (its seed derives from it).</param>
/// <param name="Styles">The post's image styles (from the published version the session runs).</param>
/// <param name="Style">The style to draw in; null: the post's first style.</param>
/// <param name="State">The session's current state values, as a JSON object.</param>
/// <param name="ViewerId">Who the picture is for: the generator's queue takes turns between viewers.</param>
/// <param name="Character">The character in the picture, by name; null: the scene alone.</param>
/// <param name="ViewerAsk">What the viewer asked to see, for <see cref="ImageTrigger.OnRequest"/>; null otherwise.</param>
public sealed record SceneImageRequest(
    string PostId,
    IReadOnlyList<ImageStyle> Styles,
    string? Style,
    JsonObject? State,
    string ViewerId,
    string? Character = null,
    string? ViewerAsk = null);

/// <summary>Why no picture was drawn for a request (nothing was stored).</summary>
public enum SceneImageRefusal
{
    /// <summary>No image generator is configured (<c>Inference:Images:Provider=none</c>, or none registered).</summary>
    Off,
    /// <summary>The post defines no image style.</summary>
    NoStyle,
    /// <summary>The post has no style of the requested name.</summary>
    UnknownStyle,
    /// <summary>The style has no character of the requested name.</summary>
    UnknownCharacter,
    /// <summary>The style asks for a picture larger than <see cref="SceneImageOptions"/> allow.</summary>
    TooLarge,
    /// <summary>The style and state give nothing to draw.</summary>
    NothingToDraw,
    /// <summary>The model answered with something that is not a storable picture.</summary>
    Unusable,
}

/// <summary>
/// The outcome of <see cref="SceneImageService.DrawAsync"/>: the stored, AI-labelled picture (drawn now or served from
/// the cache), or a refusal with a message a person can act on.
/// </summary>
public sealed record SceneImageResult
{
    SceneImageResult(ImageDocument? image, bool fromCache, string prompt, long seed, SceneImageRefusal? refusal, string? message)
    {
        Image = image;
        FromCache = fromCache;
        Prompt = prompt;
        Seed = seed;
        Refusal = refusal;
        Message = message;
    }

    public ImageDocument? Image { get; }

    /// <summary>True when the picture was not drawn for this request: the same recipe was drawn before (or at the same moment).</summary>
    public bool FromCache { get; }

    public string Prompt { get; }
    public long Seed { get; }
    public SceneImageRefusal? Refusal { get; }
    public string? Message { get; }

    [MemberNotNullWhen(true, nameof(Image))]
    [MemberNotNullWhen(false, nameof(Refusal), nameof(Message))]
    public bool Succeeded => Image is not null;

    /// <summary>The public URLs of the variants (thumbnail, card, full), for the <c>image</c> event.</summary>
    public ImageVariantUrls? Urls => Image is null ? null : ImageUploadResponse.From(Image).Variants;

    internal static SceneImageResult Drawn(ImageDocument image, bool fromCache, string prompt, long seed) => new(image, fromCache, prompt, seed, null, null);

    internal static SceneImageResult Refused(SceneImageRefusal refusal, string message, string prompt = "", long seed = 0) => new(null, false, prompt, seed, refusal, message);
}
