using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FeedEngine.Ads;

/// <summary>How the Ads endpoints answer: the value, a validation problem naming the fields, or a ProblemDetails saying what to do.</summary>
static class AdsHttp
{
    public const string InvalidTitle = "Please correct the highlighted fields";

    public static AdsCaller Caller(ClaimsPrincipal user) =>
        AdsCaller.From(user) ?? throw new InvalidOperationException("An authorized Ads endpoint was called without a 'sub' claim.");

    public static Results<Ok<T>, ValidationProblem, ProblemHttpResult> ToHttp<T>(this AdsResult<T> result)
    {
        if (result.Succeeded) return TypedResults.Ok(result.Value);
        return result.Error.Kind == AdsErrorKind.Invalid ? Invalid(result.Error) : Problem(result.Error);
    }

    public static ValidationProblem Invalid(AdsError error) =>
        TypedResults.ValidationProblem(error.Errors ?? new Dictionary<string, string[]>(), error.Message, title: InvalidTitle);

    public static ProblemHttpResult Problem(AdsError error) => error.Kind switch
    {
        AdsErrorKind.NotFound => TypedResults.Problem(error.Message, statusCode: StatusCodes.Status404NotFound, title: "Campaign not found"),
        AdsErrorKind.Forbidden => TypedResults.Problem(error.Message, statusCode: StatusCodes.Status403Forbidden, title: "Not allowed"),
        AdsErrorKind.Conflict => TypedResults.Problem(error.Message, statusCode: StatusCodes.Status409Conflict, title: "Changed meanwhile"),
        AdsErrorKind.Flagged => TypedResults.Problem(error.Message, statusCode: StatusCodes.Status409Conflict, title: "Flagged by moderation",
            extensions: error.Errors is { } fields ? new Dictionary<string, object?> { ["errors"] = fields } : null),
        _ => TypedResults.Problem(error.Message, statusCode: StatusCodes.Status400BadRequest, title: "Invalid request"),
    };
}
