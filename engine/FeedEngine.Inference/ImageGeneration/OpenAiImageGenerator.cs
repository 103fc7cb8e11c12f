#pragma warning disable MEAI001 // Microsoft.Extensions.AI's image generation abstraction is experimental in 10.x.
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace FeedEngine.Inference.ImageGeneration;

/// <summary>An OpenAI-compatible image server: its API base (<c>http://host:port/v1</c>), the model it serves, and limits.</summary>
public sealed record OpenAiImageEndpoint(Uri BaseUri, string Model, string? ApiKey, TimeSpan Timeout, ImageLimits Limits, bool SendSeed = false);

/// <summary>
/// Draws through an OpenAI-compatible image server: <c>POST {base}/images/generations</c> with <c>response_format: b64_json</c>.
/// The request is checked as the in-process provider checks it; the server's errors, a timeout, an unreachable server
/// or an answer that is not an image become an <see cref="InferenceProviderException"/> naming the server and what happened.
/// </summary>
public sealed class OpenAiImageGenerator(HttpClient http, OpenAiImageEndpoint endpoint) : IImageGenerator
{
    /// <summary>The named <see cref="HttpClient"/> the app gives this provider.</summary>
    public const string HttpClientName = "feedengine-images-openai";

    /// <summary>The most bytes read from the server per answer (base64 pictures included).</summary>
    public const long MaxResponseBytes = 64L * 1024 * 1024;

    readonly ImageGeneratorMetadata metadata = new("openai", endpoint.BaseUri, endpoint.Model);

    Uri Url => new(endpoint.BaseUri.AbsoluteUri.TrimEnd('/') + "/images/generations");

    public async Task<ImageGenerationResponse> GenerateAsync(ImageGenerationRequest request, ImageGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var asked = ImageRequest.Read(request, options, endpoint.Limits);
        var sentSeed = endpoint.SendSeed;
        var body = new JsonObject
        {
            ["model"] = options?.ModelId ?? endpoint.Model,
            ["prompt"] = asked.Prompt,
            ["n"] = asked.Count,
            ["size"] = $"{asked.Width}x{asked.Height}",
            ["response_format"] = "b64_json",
        };
        if (sentSeed)
            body["seed"] = asked.Seed;

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(endpoint.Timeout);
        using var message = new HttpRequestMessage(HttpMethod.Post, Url) { Content = JsonContent.Create(body) };
        if (!string.IsNullOrWhiteSpace(endpoint.ApiKey))
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", endpoint.ApiKey);
        try
        {
            using var response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            var text = await ReadBoundedAsync(response.Content, timeout.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
                throw new InferenceProviderException($"The image server at {endpoint.BaseUri} answered {(int)response.StatusCode} {response.ReasonPhrase}: {ErrorMessage(text)}", (int)response.StatusCode);
            return Parse(text, asked, sentSeed);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new InferenceProviderException($"The image server at {endpoint.BaseUri} did not answer within {endpoint.Timeout.TotalSeconds:0} s.", inner: e);
        }
        catch (HttpRequestException e)
        {
            throw new InferenceProviderException($"The image server at {endpoint.BaseUri} cannot be reached: {e.Message}", (int?)e.StatusCode, e);
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(ImageGeneratorMetadata) ? metadata
        : serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose()
    {
    }

    ImageGenerationResponse Parse(string text, ImageRequest asked, bool sentSeed)
    {
        var contents = new List<AIContent>();
        try
        {
            using var document = JsonDocument.Parse(text);
            if (!document.RootElement.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
                throw Malformed("it has no data array");
            var index = 0;
            foreach (var item in data.EnumerateArray())
            {
                if (!item.TryGetProperty("b64_json", out var encoded) || encoded.ValueKind != JsonValueKind.String)
                    throw Malformed(item.TryGetProperty("url", out _) ? "it returned a URL where FeedEngine asked for b64_json; configure the server to return base64" : "an item has no b64_json");
                var bytes = Convert.FromBase64String(encoded.GetString()!);
                var content = new DataContent(bytes, MediaTypeOf(bytes) ?? throw Malformed("the data is not a PNG, JPEG or WebP image"));
                if (sentSeed)
                    content.AdditionalProperties = new() { [ImageGenerationKeys.Seed] = unchecked(asked.Seed + index) };
                contents.Add(content);
                index++;
            }
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            throw Malformed(e.Message);
        }
        if (contents.Count == 0)
            throw Malformed("it returned no pictures");
        return new ImageGenerationResponse(contents) { RawRepresentation = text.Length <= 4096 ? text : null };
    }

    InferenceProviderException Malformed(string why) => new($"The image server at {endpoint.BaseUri} answered with something FeedEngine cannot use: {why}.");

    static string? MediaTypeOf(ReadOnlySpan<byte> bytes) =>
        bytes.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) ? "image/png"
        : bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]) ? "image/jpeg"
        : bytes.Length > 12 && bytes[..4].SequenceEqual("RIFF"u8) && bytes[8..12].SequenceEqual("WEBP"u8) ? "image/webp"
        : null;

    static string ErrorMessage(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.TryGetProperty("error", out var error))
            {
                if (error.ValueKind == JsonValueKind.String)
                    return error.GetString()!;
                if (error.ValueKind == JsonValueKind.Object && error.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String)
                    return message.GetString()!;
            }
        }
        catch (JsonException)
        {
            // Not JSON: the text itself says what went wrong.
        }
        var trimmed = text.Trim();
        return trimmed.Length == 0 ? "(no message)" : trimmed.Length <= 300 ? trimmed : trimmed[..300] + "...";
    }

    async Task<string> ReadBoundedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > MaxResponseBytes)
            throw new InferenceProviderException($"The image server at {endpoint.BaseUri} sent {content.Headers.ContentLength} bytes; FeedEngine reads at most {MaxResponseBytes / (1024 * 1024)} MB.");
        await using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var chunk = new byte[81_920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxResponseBytes)
                throw new InferenceProviderException($"The image server at {endpoint.BaseUri} sent more than {MaxResponseBytes / (1024 * 1024)} MB; FeedEngine stopped reading.");
            buffer.Write(chunk, 0, read);
        }
        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
