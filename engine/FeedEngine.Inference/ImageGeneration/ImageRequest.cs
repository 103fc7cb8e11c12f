#pragma warning disable MEAI001 // Microsoft.Extensions.AI's image generation abstraction is experimental in 10.x.
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace FeedEngine.Inference.ImageGeneration;

/// <summary>The limits an image generator enforces on every request.</summary>
/// <param name="MaxWidth">Widest picture drawn, in pixels.</param>
/// <param name="MaxHeight">Tallest picture drawn, in pixels.</param>
/// <param name="MaxSteps">Most denoising steps (SD-Turbo-class models: 1 to 4).</param>
/// <param name="MaxCount">Most pictures per request.</param>
public sealed record ImageLimits(int MaxWidth = 1024, int MaxHeight = 1024, int DefaultWidth = 512, int DefaultHeight = 512, int DefaultSteps = 1, int MaxSteps = 4, int MaxCount = 4);

/// <summary>A validated request: what to draw, how big, how many, with which seed and steps.</summary>
public sealed record ImageRequest(string Prompt, int Width, int Height, int Count, long Seed, int Steps)
{
    /// <summary>Longest prompt accepted, in characters (the CLIP text encoder reads 77 tokens of it anyway).</summary>
    public const int MaxPromptLength = 2000;

    /// <summary>
    /// Reads and checks a request. Sizes are rounded to the nearest multiple of 8 (the closest size the latent grid
    /// can draw); a size beyond the limits, an empty prompt, a bad seed or step count throws
    /// <see cref="ArgumentException"/>; edits and URL responses throw <see cref="NotSupportedException"/>.
    /// </summary>
    public static ImageRequest Read(ImageGenerationRequest request, ImageGenerationOptions? options, ImageLimits limits)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.OriginalImages?.Any() == true)
            throw new NotSupportedException("This image generator draws from text only; editing an image is not supported.");
        if (options?.ResponseFormat is { } format && format != ImageGenerationResponseFormat.Data)
            throw new NotSupportedException($"This image generator returns image data; the {format} response format is not supported.");
        if (options?.MediaType is { } mediaType && !string.Equals(mediaType, "image/png", StringComparison.OrdinalIgnoreCase))
            throw new NotSupportedException($"This image generator draws PNG images; {mediaType} is not supported.");

        var prompt = request.Prompt?.Trim() ?? "";
        if (prompt.Length == 0)
            throw new ArgumentException("Describe the picture: the prompt is empty.", nameof(request));
        if (prompt.Length > MaxPromptLength)
            throw new ArgumentException($"The prompt has {prompt.Length} characters; at most {MaxPromptLength} are accepted.", nameof(request));

        var width = options?.ImageSize?.Width ?? limits.DefaultWidth;
        var height = options?.ImageSize?.Height ?? limits.DefaultHeight;
        if (width < 8 || height < 8 || width > limits.MaxWidth || height > limits.MaxHeight)
            throw new ArgumentException($"A picture of {width} x {height} pixels cannot be drawn: width must be 8 to {limits.MaxWidth} and height 8 to {limits.MaxHeight} pixels.", nameof(options));
        width = Math.Max(8, (int)Math.Round(width / 8.0, MidpointRounding.AwayFromZero) * 8);
        height = Math.Max(8, (int)Math.Round(height / 8.0, MidpointRounding.AwayFromZero) * 8);
        width = Math.Min(width, limits.MaxWidth / 8 * 8);
        height = Math.Min(height, limits.MaxHeight / 8 * 8);

        var count = options?.Count ?? 1;
        if (count < 1 || count > limits.MaxCount)
            throw new ArgumentException($"{count} pictures were asked for; one request draws 1 to {limits.MaxCount}.", nameof(options));

        var steps = ReadInteger(options, ImageGenerationKeys.Steps) is { } askedSteps ? askedSteps : limits.DefaultSteps;
        if (steps < 1 || steps > limits.MaxSteps)
            throw new ArgumentException($"{steps} steps were asked for; this model draws in 1 to {limits.MaxSteps}.", nameof(options));

        var seed = ReadInteger(options, ImageGenerationKeys.Seed) ?? RandomSeed();
        return new ImageRequest(prompt, width, height, count, seed, (int)steps);
    }

    static long? ReadInteger(ImageGenerationOptions? options, string key)
    {
        if (options?.AdditionalProperties?.TryGetValue(key, out var value) != true || value is null)
            return null;
        return value switch
        {
            long l => l,
            int i => i,
            short s => s,
            uint u => u,
            ulong u when u <= long.MaxValue => (long)u,
            string text when long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) => parsed,
            JsonElement { ValueKind: JsonValueKind.Number } json when json.TryGetInt64(out var number) => number,
            JsonElement { ValueKind: JsonValueKind.String } json when long.TryParse(json.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => throw new ArgumentException($"'{key}' must be a whole number; got {value}.", nameof(options)),
        };
    }

    static long RandomSeed() => BitConverter.ToInt64(RandomNumberGenerator.GetBytes(8)) & long.MaxValue;
}
