using Microsoft.AspNetCore.Diagnostics;

namespace FeedEngine.Web.Hosting;

/// <summary>
/// Turns a request the framework could not read (malformed JSON, a body over the limit, a query value of the
/// wrong type) into a ProblemDetails with its real status (400, 413) and a message, instead of a 500.
/// </summary>
public sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad) return false;
        var status = bad.StatusCode;
        httpContext.Response.StatusCode = status;
        var detail = status switch
        {
            StatusCodes.Status413PayloadTooLarge => "The request body is larger than this endpoint accepts.",
            _ when bad.InnerException is System.Text.Json.JsonException json =>
                $"The request body is not valid JSON for this endpoint: {json.Message}",
            _ => bad.Message,
        };
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = status, Title = status == 413 ? "Request too large" : "Malformed request", Detail = detail },
        });
    }
}
