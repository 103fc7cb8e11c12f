using System.Security.Claims;
using FeedEngine.Storage.Images;
using FeedEngine.Storage.Users;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace FeedEngine.Media.Uploads;

/// <summary>The upload response: the image id to use in posts, campaigns and messages, and its public URLs.</summary>
public sealed record ImageUploadResponse(string ImageId, string Url, ImageVariantUrls Variants)
{
    public static ImageUploadResponse From(ImageDocument image) => new(
        image.Id,
        ImageVariantNames.UrlOf(image.Id, ImageVariantNames.Full),
        new ImageVariantUrls(
            ImageVariantNames.UrlOf(image.Id, ImageVariantNames.Thumbnail),
            ImageVariantNames.UrlOf(image.Id, ImageVariantNames.Card),
            ImageVariantNames.UrlOf(image.Id, ImageVariantNames.Full)));
}

public sealed record ImageVariantUrls(string Thumbnail, string Card, string Full);

static class ImageEndpoints
{
    const string FileField = "file";
    const string HowToSend = "Send the image as multipart/form-data with the file in a field named \"file\".";

    public static IEndpointRouteBuilder MapImageEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/images", UploadAsync)
            .WithTags("Images")
            .WithName("UploadImage")
            .WithSummary("Uploads a PNG, JPEG or WebP image; returns its id and the URLs of its variants.")
            .WithDescription("The body is multipart/form-data with the image in the field \"file\". A body longer than the configured limit is refused unread.")
            .RequireAuthorization(Policies.Viewer)
            .RequireRateLimiting(ImageUploadRateLimitPolicy.Name)
            .DisableAntiforgery() // bearer tokens or same-site cookies; the body is read by hand, never bound as a form
            // No Accepts metadata: routing would answer another content type with a bare 415; the handler explains instead.
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        app.MapGet("/images/{imageId}/{variant}", GetVariantAsync)
            .WithTags("Images")
            .WithName("GetImageVariant")
            .WithSummary("Serves one variant (thumbnail, card, full) of an image. Public: image ids are unguessable.")
            .AllowAnonymous()
            .Produces(StatusCodes.Status200OK, (Type?)null, "image/webp", "image/jpeg")
            .Produces(StatusCodes.Status304NotModified)
            .Produces(StatusCodes.Status404NotFound);
        return app;
    }

    static async Task<Results<Ok<ImageUploadResponse>, ProblemHttpResult, UnauthorizedHttpResult>> UploadAsync(
        HttpContext context, ImageUploadService uploads, IOptions<ImageUploadOptions> options, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(typeof(ImageEndpoints).FullName!);
        var limits = options.Value;
        var ownerId = context.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? context.User.FindFirstValue("sub");
        if (ownerId is null) return TypedResults.Unauthorized();

        // The body limit is set before a byte of the body is read; a declared length above it is refused unread.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
            bodySize.MaxRequestBodySize = limits.MaxRequestBytes;
        if (context.Request.ContentLength > limits.MaxRequestBytes)
            return Refuse(logger, StatusCodes.Status413PayloadTooLarge, TooLargeMessage(limits, context.Request.ContentLength));

        if (!MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var mediaType)
            || !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(mediaType.Boundary) is not { Length: > 0 and <= 200 } boundary)
            return Refuse(logger, StatusCodes.Status415UnsupportedMediaType, $"The request is not a multipart form. {HowToSend}");

        var reader = new MultipartReader(boundary.ToString(), context.Request.Body) { HeadersCountLimit = 16, HeadersLengthLimit = 16 * 1024 };
        try
        {
            for (var section = await reader.ReadNextSectionAsync(cancellationToken); section is not null; section = await reader.ReadNextSectionAsync(cancellationToken))
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    || !HeaderUtilities.RemoveQuotes(disposition.Name).Equals(FileField, StringComparison.Ordinal))
                    continue;

                var result = await uploads.UploadAsync(section.Body, ownerId, cancellationToken);
                if (result.Succeeded) return TypedResults.Ok(ImageUploadResponse.From(result.Image));
                return TypedResults.Problem(result.Failure.Message, statusCode: StatusOf(result.Failure.Kind), title: TitleOf(result.Failure.Kind));
            }
            return Refuse(logger, StatusCodes.Status400BadRequest, $"The form has no field named \"file\". {HowToSend}");
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Refuse(logger, e.StatusCode, TooLargeMessage(limits, null));
        }
        catch (BadHttpRequestException e)
        {
            return Refuse(logger, e.StatusCode, $"The upload could not be read ({e.Message}). {HowToSend}");
        }
        catch (InvalidDataException e)
        {
            return Refuse(logger, StatusCodes.Status400BadRequest, $"The multipart form is malformed ({e.Message}). {HowToSend}");
        }
    }

    static async Task<Results<FileStreamHttpResult, NotFound>> GetVariantAsync(
        string imageId, string variant, HttpContext context, IImageRepository images, CancellationToken cancellationToken)
    {
        if (!LooksLikeImageId(imageId) || !ImageVariantNames.IsKnown(variant)) return TypedResults.NotFound();
        if (await images.OpenVariantAsync(imageId, variant, cancellationToken) is not { } content) return TypedResults.NotFound();

        // An image id never changes its content, so the variant can be cached for good.
        var headers = context.Response.Headers;
        headers.CacheControl = "public, max-age=31536000, immutable";
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        return TypedResults.Stream(content.Stream, content.ContentType, entityTag: new EntityTagHeaderValue($"\"{imageId}-{variant}\""));
    }

    /// <summary>Ids come from <c>DocumentIds.New</c>: 22 URL-safe base64 characters. Anything else is not an image.</summary>
    static bool LooksLikeImageId(string imageId) =>
        imageId.Length == 22 && imageId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    static ProblemHttpResult Refuse(ILogger logger, int statusCode, string message)
    {
        UploadLog.RequestRefused(logger, statusCode, message);
        return TypedResults.Problem(message, statusCode: statusCode);
    }

    static string TooLargeMessage(ImageUploadOptions limits, long? declared) =>
        (declared is { } length ? $"The upload is {length / 1024d / 1024d:0.#} MB. " : "The upload is too large. ") +
        $"Images can be at most {limits.MaxBytes / 1024d / 1024d:0.#} MB: export a smaller size or a lower quality and upload it again.";

    static int StatusOf(ImageUploadFailureKind kind) => kind switch
    {
        ImageUploadFailureKind.UnsupportedFormat => StatusCodes.Status415UnsupportedMediaType,
        ImageUploadFailureKind.TooLarge => StatusCodes.Status413PayloadTooLarge,
        _ => StatusCodes.Status400BadRequest,
    };

    static string TitleOf(ImageUploadFailureKind kind) => kind switch
    {
        ImageUploadFailureKind.UnsupportedFormat => "Unsupported image format",
        ImageUploadFailureKind.TooLarge => "Image too large",
        _ => "Unreadable image",
    };
}
