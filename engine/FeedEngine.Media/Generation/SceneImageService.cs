#pragma warning disable MEAI001 // Microsoft.Extensions.AI's image generation abstraction is experimental in 10.x.
using System.Collections.Concurrent;
using FeedEngine.Storage.Images;
using FeedEngine.Storage.Posts;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FeedEngine.Media.Generation;

/// <summary>
/// Draws a conversation's scene pictures: resolves the post's style and character, builds the prompt from the style and
/// the state, takes the post's fixed seed, serves a picture already drawn from the same recipe (model, prompt, seed,
/// size, steps) from the store, and otherwise asks the <see cref="IImageGenerator"/> (whose scheduler takes turns
/// between viewers), then stores the picture labelled as AI-generated. Two identical requests at once draw one picture.
/// </summary>
/// <remarks>
/// Expected outcomes (no style, unknown style or character, too large, unusable answer) are <see cref="SceneImageResult"/>
/// refusals. The generator's own failures propagate unchanged: a model that is not ready, a full queue, a failing server
/// (in Inference: <c>ModelUnavailableException</c>, <c>InferenceBusyException</c>, <c>InferenceProviderException</c>, each
/// with a message a person can act on). Nothing is stored in either case.
/// </remarks>
public sealed partial class SceneImageService(
    GeneratedImageStore store,
    IImageRepository images,
    IOptions<SceneImageOptions> options,
    ILogger<SceneImageService> logger,
    IImageGenerator? generator = null)
{
    readonly SceneImageOptions limits = options.Value;
    readonly ConcurrentDictionary<string, Lazy<Task<SceneImageResult>>> drawing = new(StringComparer.Ordinal);

    /// <summary>The model id pictures are cached under (the generator's, else "default").</summary>
    public string Model => generator?.GetService<ImageGeneratorMetadata>()?.DefaultModelId ?? "default";

    public async Task<SceneImageResult> DrawAsync(SceneImageRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (generator is null)
            return Refuse(request, SceneImageRefusal.Off, "Pictures are off: no image model is configured (Inference:Images).");
        if (request.Styles.Count == 0)
            return Refuse(request, SceneImageRefusal.NoStyle, "This post has no image style, so it draws no pictures. Add one in the studio.");
        var style = request.Style is null ? request.Styles[0]
            : request.Styles.FirstOrDefault(s => string.Equals(s.Name, request.Style, StringComparison.OrdinalIgnoreCase));
        if (style is null)
            return Refuse(request, SceneImageRefusal.UnknownStyle,
                $"This post has no image style '{request.Style}'. Its styles: {string.Join(", ", request.Styles.Select(s => s.Name))}.");
        CharacterLook? character = null;
        if (request.Character is { } name)
        {
            character = style.Characters.FirstOrDefault(c => string.Equals(c.Name, name.Trim(), StringComparison.OrdinalIgnoreCase));
            if (character is null)
                return Refuse(request, SceneImageRefusal.UnknownCharacter,
                    $"The style '{style.Name}' has no character '{name}'." + (style.Characters.Count > 0 ? $" Its characters: {string.Join(", ", style.Characters.Select(c => c.Name))}." : ""));
        }
        if (style.Width < 64 || style.Height < 64 || style.Width > limits.MaxWidth || style.Height > limits.MaxHeight)
            return Refuse(request, SceneImageRefusal.TooLarge,
                $"The style '{style.Name}' asks for {style.Width} x {style.Height} pixels; pictures are 64 to {limits.MaxWidth} wide and 64 to {limits.MaxHeight} high.");

        var prompt = ImagePromptBuilder.Build(style, character, request.State, request.ViewerAsk, limits.MaxPromptLength);
        var seed = SceneSeeds.For(request.PostId, style, character);
        if (prompt.Length == 0)
            return Refuse(request, SceneImageRefusal.NothingToDraw, $"The style '{style.Name}' and the state give nothing to draw: give the style a prompt.", prompt, seed);

        var model = Model;
        var key = SceneCacheKey.Of(model, prompt, seed, style.Width, style.Height, limits.Steps);
        if (await images.FindByGenerationKeyAsync(key, cancellationToken) is { } cached)
        {
            LogServedFromCache(logger, cached.Id, request.PostId, style.Name);
            return SceneImageResult.Drawn(cached, fromCache: true, prompt, seed);
        }

        var recipe = new ImageGeneration { CacheKey = key, Model = model, Prompt = prompt, Seed = seed, Steps = limits.Steps, PostId = request.PostId, Style = style.Name };
        var mine = new Lazy<Task<SceneImageResult>>(() => GenerateAsync(request, style, recipe, cancellationToken));
        var current = drawing.GetOrAdd(key, mine);
        try
        {
            var result = await current.Value.WaitAsync(cancellationToken);
            // A request that joined another's drawing was served without drawing.
            return ReferenceEquals(current, mine) || !result.Succeeded ? result : SceneImageResult.Drawn(result.Image, fromCache: true, prompt, seed);
        }
        finally
        {
            if (ReferenceEquals(current, mine))
                drawing.TryRemove(new KeyValuePair<string, Lazy<Task<SceneImageResult>>>(key, mine));
        }
    }

    async Task<SceneImageResult> GenerateAsync(SceneImageRequest request, ImageStyle style, ImageGeneration recipe, CancellationToken cancellationToken)
    {
        var options = new ImageGenerationOptions
        {
            ImageSize = new System.Drawing.Size(style.Width, style.Height),
            Count = 1,
            ResponseFormat = ImageGenerationResponseFormat.Data,
            AdditionalProperties = new()
            {
                [ImageRequestKeys.Seed] = recipe.Seed,
                [ImageRequestKeys.Steps] = recipe.Steps,
                [ImageRequestKeys.ViewerId] = request.ViewerId,
            },
        };
        var response = await generator!.GenerateAsync(new ImageGenerationRequest(recipe.Prompt), options, cancellationToken);
        if (response.Contents.OfType<DataContent>().FirstOrDefault() is not { } picture)
            return Refuse(request, SceneImageRefusal.Unusable, "The image model answered without a picture.", recipe.Prompt, recipe.Seed);

        var stored = await store.StoreAsync(picture.Data, recipe, $"post:{request.PostId}", cancellationToken);
        if (!stored.Succeeded)
            return Refuse(request, SceneImageRefusal.Unusable, stored.Failure.Message, recipe.Prompt, recipe.Seed);
        LogDrawn(logger, stored.Image.Id, request.PostId, style.Name, request.ViewerId);
        return SceneImageResult.Drawn(stored.Image, fromCache: stored.Deduplicated, recipe.Prompt, recipe.Seed);
    }

    SceneImageResult Refuse(SceneImageRequest request, SceneImageRefusal refusal, string message, string prompt = "", long seed = 0)
    {
        LogRefused(logger, request.PostId, refusal, message);
        return SceneImageResult.Refused(refusal, message, prompt, seed);
    }

    [LoggerMessage(EventId = 3111, Level = LogLevel.Information, Message = "Drew image {ImageId} for post {PostId} in style {Style} for viewer {ViewerId}")]
    static partial void LogDrawn(ILogger logger, string imageId, string postId, string style, string viewerId);

    [LoggerMessage(EventId = 3112, Level = LogLevel.Debug, Message = "Served image {ImageId} for post {PostId} in style {Style} from the cache")]
    static partial void LogServedFromCache(ILogger logger, string imageId, string postId, string style);

    [LoggerMessage(EventId = 3113, Level = LogLevel.Information, Message = "Drew no picture for post {PostId} ({Refusal}): {Reason}")]
    static partial void LogRefused(ILogger logger, string postId, SceneImageRefusal refusal, string reason);
}
