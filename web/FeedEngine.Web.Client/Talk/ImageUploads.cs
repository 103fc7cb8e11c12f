using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using FeedEngine.Web.Client.Social;

namespace FeedEngine.Web.Client.Talk;

/// <summary>What <c>POST /api/images</c> answers: the id to send with a message and the URLs of its variants.</summary>
public sealed record UploadedImage(string ImageId, string Url, UploadedImageVariants Variants);

public sealed record UploadedImageVariants(string Thumbnail, string Card, string Full);

/// <summary>An upload the viewer should hear about: the message says what happened and what to do.</summary>
public sealed class ImageUploadException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Pictures a viewer attaches to a message: checked in the browser first (type and size, the server's limits), then
/// uploaded with the viewer's token to <c>POST /api/images</c>, which checks the bytes again and stores them.
/// </summary>
public sealed class ImageUploads(FeedApi api)
{
    /// <summary>The server's default upload limit (<c>Media:MaxBytes</c>, 15 MB).</summary>
    public const long MaxBytes = 15L * 1024 * 1024;

    /// <summary>The formats the upload pipeline keeps (GIF and TIFF are refused there too).</summary>
    public static readonly IReadOnlyList<string> ContentTypes = ["image/png", "image/jpeg", "image/webp"];

    /// <summary>Why a chosen file cannot be attached, or null when it may be uploaded.</summary>
    public static string? Check(string name, string contentType, long size)
    {
        if (!ContentTypes.Contains(contentType, StringComparer.OrdinalIgnoreCase))
            return $"“{name}” is not a PNG, JPEG or WebP picture. Choose a photo or a screenshot in one of those formats.";
        if (size > MaxBytes)
            return $"“{name}” is {size / 1024d / 1024d:0.#} MB; pictures can be at most {MaxBytes / 1024 / 1024} MB. Choose a smaller one.";
        if (size == 0)
            return $"“{name}” is empty. Choose another picture.";
        return null;
    }

    /// <exception cref="ImageUploadException">The server refused the picture or could not be reached; the message says why.</exception>
    public async Task<UploadedImage> UploadAsync(byte[] content, string name, string contentType, CancellationToken cancellationToken = default)
    {
        try
        {
            using var response = await api.SendAsync(HttpMethod.Post, "api/images", cancellationToken, () =>
            {
                var file = new ByteArrayContent(content);
                file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
                return new MultipartFormDataContent { { file, "file", name } };
            });
            return await response.Content.ReadFromJsonAsync<UploadedImage>(cancellationToken)
                ?? throw new ImageUploadException($"“{name}” was not attached: the upload answered with an empty body. Try again.");
        }
        catch (HttpRequestException e)
        {
            throw new ImageUploadException(Explain(name, e), e);
        }
    }

    static string Explain(string name, HttpRequestException e)
    {
        // The server's ProblemDetails say exactly what was wrong; FeedApi falls back to "FeedEngine answered ..." without one.
        var detail = e.Message.StartsWith("FeedEngine answered", StringComparison.Ordinal) ? "" : " " + e.Message;
        return e.StatusCode switch
        {
            HttpStatusCode.RequestEntityTooLarge => $"“{name}” is too large to attach.{detail}",
            HttpStatusCode.UnsupportedMediaType => $"“{name}” is not a picture FeedEngine can read (PNG, JPEG or WebP).{detail}",
            HttpStatusCode.TooManyRequests => $"Too many pictures in a short time; “{name}” was not attached.{(detail.Length > 0 ? detail : " Wait a minute and try again.")}",
            HttpStatusCode.BadRequest => $"“{name}” could not be read as a picture.{detail}",
            null => $"“{name}” was not attached: FeedEngine could not be reached. Check your connection and try again.",
            var status => $"“{name}” was not attached (FeedEngine answered {(int)status}). Try again.",
        };
    }
}
