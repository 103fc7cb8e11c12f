using System.Text.RegularExpressions;

namespace FeedEngine.Web.Tests.Safety;

[Collection(AppCollection.Name)]
public sealed partial class ContentSecurityPolicyTests(FeedEngineApp app)
{
    [Theory]
    [InlineData("/")]
    [InlineData("/account/signin")]
    [InlineData("/api/feed")]
    [InlineData("/no-such-page")]
    public async Task EveryResponse_carriesThePolicy(string path)
    {
        var response = await app.CreateClient().GetAsync(path);

        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", policy);
        Assert.Contains("script-src 'self' 'wasm-unsafe-eval' 'nonce-", policy);
        Assert.Contains("object-src 'none'", policy);
        Assert.Contains("frame-ancestors 'none'", policy);
        Assert.DoesNotContain("unsafe-eval'", policy.Replace("'wasm-unsafe-eval'", ""));
        Assert.DoesNotContain("script-src 'self' 'unsafe-inline'", policy);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Fact]
    public async Task Page_inlineScriptsCarryThisResponsesNonce_andNoncesDifferPerResponse()
    {
        var first = await app.CreateClient().GetAsync("/");
        var second = await app.CreateClient().GetAsync("/");
        var html = await first.Content.ReadAsStringAsync();

        var nonce = Nonce().Match(first.Headers.GetValues("Content-Security-Policy").Single()).Groups[1].Value;
        Assert.NotEqual(nonce, Nonce().Match(second.Headers.GetValues("Content-Security-Policy").Single()).Groups[1].Value);
        var inline = InlineScript().Matches(html);
        Assert.NotEmpty(inline);
        Assert.All(inline, m => Assert.Contains($"nonce=\"{nonce}\"", m.Value));
    }

    [GeneratedRegex("'nonce-([^']+)'")]
    private static partial Regex Nonce();

    /// <summary>Script elements without a src attribute (the import map).</summary>
    [GeneratedRegex(@"<script(?![^>]*\bsrc=)[^>]*>")]
    private static partial Regex InlineScript();
}
