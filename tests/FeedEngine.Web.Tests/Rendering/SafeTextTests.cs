using FeedEngine.Web.Client.Rendering;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace FeedEngine.Web.Tests.Rendering;

/// <summary>The component as Blazor renders it, fed every payload in both formats.</summary>
public sealed class SafeTextTests
{
    static async Task<string> RenderAsync(string text, TextFormat format)
    {
        await using var services = new ServiceCollection().BuildServiceProvider();
        await using var renderer = new HtmlRenderer(services, NullLoggerFactory.Instance);
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var parameters = ParameterView.FromDictionary(new Dictionary<string, object?> { ["Text"] = text, ["Format"] = format });
            var output = await renderer.RenderComponentAsync<SafeText>(parameters);
            return output.ToHtmlString();
        });
    }

    [Fact]
    public async Task SafeText_everyPayloadInBothFormats_rendersNothingExecutable()
    {
        var failures = new List<string>();
        foreach (var payload in XssPayloads.All)
        {
            foreach (var format in Enum.GetValues<TextFormat>())
            {
                var html = await RenderAsync(payload, format);
                var problems = ExecutableMarkup.Find(html);
                if (problems.Count > 0) failures.Add($"{format}: {payload} => {html}: {string.Join(", ", problems)}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task SafeText_markdown_rendersFormatting()
    {
        var html = await RenderAsync("**hi** [there](https://example.com)", TextFormat.Markdown);

        Assert.Contains("<strong>hi</strong>", html);
        Assert.Contains("rel=\"nofollow noopener ugc\"", html);
        Assert.StartsWith("<div class=\"rich-text", html);
    }

    [Fact]
    public async Task SafeText_plain_showsTheMarkupAsText()
    {
        var html = await RenderAsync("<b>x</b>", TextFormat.Plain);

        Assert.Contains("&lt;b&gt;x&lt;/b&gt;", html);
    }
}
