using System.Text;
using AngleSharp.Dom;
using Ganss.Xss;
using Markdig;

namespace FeedEngine.Web.Client.Rendering;

/// <summary>
/// Renders text that FeedEngine did not write itself (model replies, personas, card fields, ad copy, display names)
/// as HTML that cannot run anything: Markdig with raw HTML disabled, then an allow-list sanitiser over the
/// rendered HTML (in that order: sanitising before rendering lets Markdown build what the sanitiser never saw).
/// Links keep only http(s) and relative targets and open with <c>rel="nofollow noopener ugc"</c>; images survive
/// only when they point at FeedEngine's own <c>/images/</c> endpoint. Runs on the server and in WebAssembly.
/// </summary>
public static class SafeMarkdown
{
    /// <summary>Longer input is cut before rendering, so one hostile message cannot make rendering slow.</summary>
    public const int MaxInputLength = 20_000;

    public const string LinkRel = "nofollow noopener ugc";
    public const string ImagePathPrefix = "/images/";

    static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseEmphasisExtras()
        .UsePipeTables()
        .UseSoftlineBreakAsHardlineBreak()
        .Build();

    static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    /// <summary>Markdown to sanitised HTML, safe to emit as a <c>MarkupString</c>.</summary>
    public static string ToHtml(string? markdown)
    {
        if (string.IsNullOrEmpty(markdown)) return "";
        var html = Markdown.ToHtml(Clean(markdown), Pipeline);
        return Sanitizer.Sanitize(html);
    }

    /// <summary>Markdown to plain text (no markup at all), for titles, notifications and places without formatting.</summary>
    public static string ToPlainText(string? markdown)
    {
        if (string.IsNullOrEmpty(markdown)) return "";
        return Markdown.ToPlainText(Clean(markdown), Pipeline).Trim();
    }

    /// <summary>Cuts overlong input and drops control and bidirectional-override characters that disguise text.</summary>
    public static string Clean(string text)
    {
        if (text.Length > MaxInputLength) text = text[..MaxInputLength];
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '\n' or '\t') builder.Append(c);
            else if (c == '\r') continue;
            else if (char.IsControl(c) || IsBidiControl(c)) continue;
            else builder.Append(c);
        }
        return builder.ToString();
    }

    static bool IsBidiControl(char c) => c is '\u202A' or '\u202B' or '\u202C' or '\u202D' or '\u202E'
        or '\u2066' or '\u2067' or '\u2068' or '\u2069' or '\u200E' or '\u200F' or '\u061C';

    /// <summary>True for a path on FeedEngine's image endpoint: relative, no scheme, no host, no way out of <c>/images/</c>.</summary>
    public static bool IsOwnImage(string? url) =>
        url is not null
        && url.StartsWith(ImagePathPrefix, StringComparison.Ordinal)
        && url.Length > ImagePathPrefix.Length
        && !url.Contains("..", StringComparison.Ordinal)
        && !url.Contains('\\')
        && !url.Contains(':')
        && url.All(c => c > ' ' && c < 0x7f);

    static HtmlSanitizer CreateSanitizer()
    {
        var options = new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
            {
                "p", "br", "hr", "em", "strong", "del", "s", "ins", "mark", "sub", "sup", "code", "pre", "blockquote",
                "ul", "ol", "li", "a", "img", "h1", "h2", "h3", "h4", "h5", "h6",
                "table", "thead", "tbody", "tr", "th", "td",
            },
            AllowedAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href", "src", "alt", "title", "start" },
            AllowedSchemes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "http", "https" },
            UriAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href", "src" },
            AllowedCssProperties = new HashSet<string>(),
            AllowedAtRules = new HashSet<AngleSharp.Css.Dom.CssRuleType>(),
            AllowedClasses = new HashSet<string>(),
            AllowDataAttributes = false,
        };
        var sanitizer = new HtmlSanitizer(options) { KeepChildNodes = true };
        sanitizer.FilterUrl += (_, e) =>
        {
            if (e.Tag.NodeName.Equals("IMG", StringComparison.OrdinalIgnoreCase) && !IsOwnImage(e.OriginalUrl)) e.SanitizedUrl = null;
        };
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is not IElement element) return;
            switch (element.LocalName)
            {
                case "a":
                    element.SetAttribute("rel", LinkRel);
                    element.SetAttribute("target", "_blank");
                    break;
                case "img" when !IsOwnImage(element.GetAttribute("src")):
                    // An image from anywhere else becomes its description: no tracking pixels, no hot-linked content.
                    e.ReplacementNodes.Add(e.Document.CreateTextNode(element.GetAttribute("alt") ?? ""));
                    break;
                case "img":
                    element.SetAttribute("loading", "lazy");
                    break;
            }
        };
        return sanitizer;
    }
}
