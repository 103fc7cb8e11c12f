using System.Security.Cryptography;

namespace FeedEngine.Web.Hosting;

/// <summary>
/// A Content-Security-Policy on every response: scripts only from this origin (plus the one inline import map,
/// by a per-request nonce), WebAssembly compilation for the Blazor feed (<c>'wasm-unsafe-eval'</c>), images,
/// fonts and connections (the API, the hub's WebSocket) only from this origin, no plugins, no framing.
/// Even if text slipped past the sanitiser, an injected script or event handler would not run.
/// </summary>
public static class ContentSecurityPolicy
{
    const string NonceKey = "feedengine.csp-nonce";

    /// <summary>The nonce of this request's policy, for the few inline elements FeedEngine itself writes (the import map).</summary>
    public static string Nonce(HttpContext context)
    {
        if (context.Items[NonceKey] is string nonce) return nonce;
        // Hex, not base64: a '+' in a base64 nonce is written into HTML as an entity, and hex is valid CSP base64-value text.
        nonce = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        context.Items[NonceKey] = nonce;
        return nonce;
    }

    public static string Policy(string nonce) => string.Join("; ",
        "default-src 'self'",
        $"script-src 'self' 'wasm-unsafe-eval' 'nonce-{nonce}'",
        // Blazor and the sanitiser-free parts of the pages set style attributes; sanitised content carries none.
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' blob:",
        "font-src 'self'",
        "connect-src 'self'",
        "media-src 'self' blob:",
        "worker-src 'self' blob:",
        "object-src 'none'",
        "frame-src 'none'",
        "frame-ancestors 'none'",
        "base-uri 'self'",
        "form-action 'self'");

    public static IApplicationBuilder UseContentSecurityPolicy(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = Policy(Nonce(context));
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            return Task.CompletedTask;
        });
        return next(context);
    });
}
