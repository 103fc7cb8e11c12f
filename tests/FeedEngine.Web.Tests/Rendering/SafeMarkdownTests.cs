using System.Net;
using AngleSharp.Html.Parser;
using FeedEngine.Web.Client.Rendering;

namespace FeedEngine.Web.Tests.Rendering;

public sealed class SafeMarkdownTests
{
    public static TheoryData<string> Payloads() => [.. XssPayloads.All];

    [Fact]
    public void Corpus_hasAtLeastAHundredPayloads() => Assert.True(XssPayloads.All.Count >= 100, $"{XssPayloads.All.Count} payloads");

    [Theory, MemberData(nameof(Payloads))]
    public void ToHtml_hostilePayload_rendersNothingExecutable(string payload)
    {
        var html = SafeMarkdown.ToHtml(payload);

        var problems = ExecutableMarkup.Find(html);
        Assert.True(problems.Count == 0, $"{payload}\n=> {html}\n{string.Join("\n", problems)}");
    }

    [Theory, MemberData(nameof(Payloads))]
    public void ToHtml_payloadInsideOrdinaryText_rendersNothingExecutable(string payload)
    {
        var html = SafeMarkdown.ToHtml($"Hello **there**, look:\n\n{payload}\n\n[more](https://example.com) and done");

        var problems = ExecutableMarkup.Find(html);
        Assert.True(problems.Count == 0, $"{payload}\n=> {html}\n{string.Join("\n", problems)}");
    }

    [Theory, MemberData(nameof(Payloads))]
    public void ToPlainText_hostilePayload_encodedAsTextHasNoElements(string payload)
    {
        var text = SafeMarkdown.ToPlainText(payload);

        var document = new HtmlParser().ParseDocument("<body>" + WebUtility.HtmlEncode(text) + "</body>");
        Assert.Equal(0, document.Body!.ChildElementCount);
    }

    [Fact]
    public void ToHtml_keepsOrdinaryMarkdown()
    {
        var html = SafeMarkdown.ToHtml("# Title\n\n**bold** and *soft* and `code`\n\n- one\n- two\n\n> quoted");

        Assert.Contains("<h1>Title</h1>", html);
        Assert.Contains("<strong>bold</strong>", html);
        Assert.Contains("<em>soft</em>", html);
        Assert.Contains("<code>code</code>", html);
        Assert.Contains("<li>one</li>", html);
        Assert.Contains("<blockquote>", html);
    }

    [Fact]
    public void ToHtml_links_getNofollowNoopenerUgcAndANewTab()
    {
        var html = SafeMarkdown.ToHtml("[site](https://example.com/a?b=1) and [here](/feed)");

        var links = new HtmlParser().ParseDocument(html).QuerySelectorAll("a");
        Assert.Equal(2, links.Length);
        Assert.All(links, a => Assert.Equal("nofollow noopener ugc", a.GetAttribute("rel")));
        Assert.All(links, a => Assert.Equal("_blank", a.GetAttribute("target")));
        Assert.Equal("https://example.com/a?b=1", links[0].GetAttribute("href"));
        Assert.Equal("/feed", links[1].GetAttribute("href"));
    }

    [Fact]
    public void ToHtml_javascriptLink_keepsTheTextWithoutTheTarget()
    {
        var html = SafeMarkdown.ToHtml("[click me](javascript:alert(1))");

        Assert.Contains("click me", html);
        Assert.DoesNotContain("javascript", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void ToHtml_ownImage_isKept()
    {
        var html = SafeMarkdown.ToHtml("![a lighthouse](/images/abc123/card)");

        var image = new HtmlParser().ParseDocument(html).QuerySelector("img");
        Assert.NotNull(image);
        Assert.Equal("/images/abc123/card", image.GetAttribute("src"));
        Assert.Equal("a lighthouse", image.GetAttribute("alt"));
    }

    [Theory]
    [InlineData("![tracker](https://evil.example/pixel.png)")]
    [InlineData("![tracker](//evil.example/pixel.png)")]
    [InlineData("![tracker](/api/auth/me)")]
    [InlineData("![tracker](/images/../api/auth/me)")]
    [InlineData("![tracker](data:image/png;base64,iVBORw0KGgo=)")]
    public void ToHtml_foreignImage_becomesItsDescription(string markdown)
    {
        var html = SafeMarkdown.ToHtml(markdown);

        Assert.DoesNotContain("<img", html);
        Assert.Contains("tracker", html);
    }

    [Fact]
    public void ToHtml_rawHtml_isShownAsText()
    {
        var html = SafeMarkdown.ToHtml("I <b>love</b> <script>alert(1)</script> this");

        Assert.Contains("&lt;b&gt;love&lt;/b&gt;", html);
        Assert.DoesNotContain("<b>", html);
        Assert.DoesNotContain("<script", html);
    }

    [Fact]
    public void Clean_dropsBidiOverridesAndControlCharacters_keepsNewlines()
    {
        Assert.Equal("abc\ndef\tg", SafeMarkdown.Clean("a\u202Eb\u0000c\r\ndef\tg\u0007"));
    }

    [Fact]
    public void ToHtml_overlongInput_isCut()
    {
        var html = SafeMarkdown.ToHtml(new string('a', SafeMarkdown.MaxInputLength + 5000));

        Assert.True(html.Length < SafeMarkdown.MaxInputLength + 100);
    }

    [Fact]
    public void ToPlainText_stripsMarkdown()
    {
        Assert.Equal("bold and link", SafeMarkdown.ToPlainText("**bold** and [link](https://example.com)"));
    }
}
