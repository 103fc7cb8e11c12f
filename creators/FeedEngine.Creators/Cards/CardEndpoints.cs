using System.Security.Claims;
using FeedEngine.Creators.Posts;
using FeedEngine.Storage.Users;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace FeedEngine.Creators.Cards;

public static class CardEndpoints
{
    const string FileField = "file";
    const string HowToSend = "Send the card as multipart/form-data with the .json or .png file in a field named \"file\".";

    /// <summary>Room for the multipart boundaries and part headers around the file.</summary>
    const long MultipartOverheadBytes = 64 * 1024;

    public static IEndpointRouteBuilder MapCardEndpoints(this IEndpointRouteBuilder app, long maxFileBytes)
    {
        var posts = app.MapGroup("/api/posts").WithTags("Character cards").RequireAuthorization(Policies.Creator);
        posts.MapPost("/import", ImportAsync)
            .WithMetadata(new BodyLimit(maxFileBytes + MultipartOverheadBytes))
            .DisableAntiforgery() // bearer tokens or same-site cookies; the body is read by hand, never bound as a form
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithSummary("Imports a Character Card V2 or V3 (.json, or .png with the card in a chara or ccv3 text chunk) as a new draft; a PNG's picture becomes the cover.");
        posts.MapGet("/{postId}/card", ExportAsync)
            .Produces(StatusCodes.Status200OK, null, "application/json", "image/png")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Exports your post as a Character Card: format=json|png (default json), spec=v2|v3 (default v3). A PNG is the cover with the card inside.");
        return app;
    }

    static async Task<Results<Created<PostDraft>, ValidationProblem, ProblemHttpResult, UnauthorizedHttpResult>> ImportAsync(
        HttpContext context, CardService cards, CancellationToken cancellationToken)
    {
        if (Author.Of(context.User) is not { } author) return TypedResults.Unauthorized();
        if (!MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var mediaType)
            || !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(mediaType.Boundary) is not { Length: > 0 and <= 200 } boundary)
            return Problem(StatusCodes.Status415UnsupportedMediaType, "Not a multipart form", $"The request is not a multipart form. {HowToSend}");

        var reader = new MultipartReader(boundary.ToString(), context.Request.Body) { HeadersCountLimit = 16, HeadersLengthLimit = 16 * 1024 };
        try
        {
            for (var section = await reader.ReadNextSectionAsync(cancellationToken); section is not null; section = await reader.ReadNextSectionAsync(cancellationToken))
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    || !HeaderUtilities.RemoveQuotes(disposition.Name).Equals(FileField, StringComparison.Ordinal))
                    continue;
                var result = await cards.ImportAsync(author, section.Body, cancellationToken);
                return result.Succeeded
                    ? TypedResults.Created($"/api/posts/{result.Value.Id}", PostDraft.From(result.Value))
                    : PostEndpoints.Failure(result.Error);
            }
            return Problem(StatusCodes.Status400BadRequest, "No file", $"The form has no field named \"file\". {HowToSend}");
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Problem(e.StatusCode, "Card too large", $"The card file is larger than {cards.MaxFileBytes / 1024d / 1024d:0.#} MB. Export the card with a smaller picture, or as JSON.");
        }
        catch (BadHttpRequestException e)
        {
            return Problem(e.StatusCode, "Unreadable upload", $"The upload could not be read ({e.Message}). {HowToSend}");
        }
        catch (InvalidDataException e)
        {
            return Problem(StatusCodes.Status400BadRequest, "Malformed form", $"The multipart form is malformed ({e.Message}). {HowToSend}");
        }
    }

    static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ExportAsync(
        string postId, ClaimsPrincipal user, PostService posts, CardService cards, CancellationToken cancellationToken,
        string? format = null, string? spec = null)
    {
        format = format?.ToLowerInvariant() ?? "json";
        spec = spec?.ToLowerInvariant() ?? "v3";
        if (format is not ("json" or "png"))
            return Problem(StatusCodes.Status400BadRequest, "Invalid format", $"format is 'json' or 'png', not '{Short(format)}'.");
        if (spec is not ("v2" or "v3"))
            return Problem(StatusCodes.Status400BadRequest, "Invalid spec", $"spec is 'v2' (chara_card_v2) or 'v3' (chara_card_v3), not '{Short(spec)}'.");
        if (await posts.FindOwnAsync(Author.IdOf(user)!, postId, cancellationToken) is not { } post)
            return Problem(StatusCodes.Status404NotFound, "Post not found", $"There is no post '{postId}' among your posts.");
        var file = await cards.ExportAsync(post, spec == "v3" ? CardSpec.V3 : CardSpec.V2, format == "png", cancellationToken);
        return TypedResults.File(file.Bytes, file.ContentType, file.FileName);
    }

    static string Short(string text) => text.Length <= 20 ? text : text[..20] + "…";

    static ProblemHttpResult Problem(int status, string title, string detail) => TypedResults.Problem(detail, statusCode: status, title: title);
}
