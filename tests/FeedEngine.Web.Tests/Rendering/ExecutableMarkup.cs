using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using FeedEngine.Web.Client.Rendering;

namespace FeedEngine.Web.Tests.Rendering;

/// <summary>
/// Parses HTML as a browser would (AngleSharp's HTML5 parser) and lists every construct that could run code or load
/// foreign content: forbidden elements, event-handler and style attributes, URLs with a scheme other than http(s),
/// images from anywhere but FeedEngine's own image endpoint, and any element outside the renderer's allow-list.
/// </summary>
public static partial class ExecutableMarkup
{
    static readonly HashSet<string> Forbidden = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "svg", "math", "link", "meta", "base",
        "form", "input", "button", "select", "textarea", "template", "noscript", "video", "audio", "source", "track",
        "details", "marquee", "isindex", "keygen", "foreignobject", "animate", "set", "use", "image", "portal",
    };

    static readonly HashSet<string> Allowed = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "br", "hr", "em", "strong", "del", "s", "ins", "mark", "sub", "sup", "code", "pre", "blockquote",
        "ul", "ol", "li", "a", "img", "h1", "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td",
        // The component's own wrappers.
        "div", "span",
    };

    static readonly HashSet<string> UrlAttributes = new(StringComparer.OrdinalIgnoreCase)
    {
        "href", "src", "action", "formaction", "xlink:href", "data", "background", "poster", "srcset", "codebase", "cite", "lowsrc", "dynsrc",
    };

    public static IReadOnlyList<string> Find(string html)
    {
        var document = new HtmlParser().ParseDocument("<!DOCTYPE html><html><head></head><body>" + html + "</body></html>");
        var problems = new List<string>();
        foreach (var element in document.All)
        {
            var name = element.LocalName;
            if (name is "html" or "head" or "body") continue;
            if (Forbidden.Contains(name)) problems.Add($"<{name}> element");
            else if (!Allowed.Contains(name)) problems.Add($"<{name}> is outside the allow-list");
            foreach (var attribute in element.Attributes) Check(element, attribute, problems);
        }
        // Anything the parser put into <head> came from the fragment (e.g. a <meta> or <base>).
        if (document.Head!.ChildElementCount > 0) problems.Add("elements in <head>");
        return problems;
    }

    static void Check(IElement element, IAttr attribute, List<string> problems)
    {
        var name = attribute.Name.ToLowerInvariant();
        if (name.StartsWith("on", StringComparison.Ordinal)) problems.Add($"{name} handler on <{element.LocalName}>");
        if (name is "style" or "srcdoc" or "formaction") problems.Add($"{name} attribute on <{element.LocalName}>");
        if (!UrlAttributes.Contains(name)) return;
        var url = ControlCharacters().Replace(attribute.Value, "").Trim().ToLowerInvariant();
        var scheme = Scheme().Match(url);
        if (scheme.Success && scheme.Groups[1].Value is not ("http" or "https"))
            problems.Add($"{scheme.Groups[1].Value}: URL in {name} of <{element.LocalName}>");
        if (element.LocalName == "img" && name == "src" && !SafeMarkdown.IsOwnImage(attribute.Value))
            problems.Add($"foreign image {attribute.Value}");
    }

    [GeneratedRegex(@"^([a-z][a-z0-9+.\-]*):")]
    private static partial Regex Scheme();

    [GeneratedRegex(@"[\u0000-\u0020\u007f-\u009f]")]
    private static partial Regex ControlCharacters();
}
