using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace FeedEngine.Web.Hosting;

/// <summary>
/// Applies an endpoint's <see cref="IRequestSizeLimitMetadata"/> before anything reads the body: a declared
/// length over the limit is refused at once with 413; a chunked body is cut off by the server at the limit.
/// </summary>
public static class RequestSizeLimits
{
    public static IApplicationBuilder UseRequestSizeLimits(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>() is { MaxRequestBodySize: { } limit })
        {
            if (context.Request.ContentLength > limit)
            {
                await Problems.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "Request too large",
                    $"This endpoint accepts at most {limit:N0} bytes; the request declared {context.Request.ContentLength:N0}.");
                return;
            }
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
                feature.MaxRequestBodySize = limit;
        }
        await next(context);
    });
}
