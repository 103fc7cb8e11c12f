using Bunit;
using FeedEngine.Web.Components.Studio;

namespace FeedEngine.Web.Tests.Studio;

/// <summary>The analytics page's bar chart, rendered alone: bar lengths against the longest, values and shares written out, hostile labels kept as text.</summary>
public sealed class CountBarsTests : IDisposable
{
    readonly BunitContext context = new();

    public void Dispose() => context.Dispose();

    IRenderedComponent<CountBars> Render(IReadOnlyList<(string, int)> bars, int? of = null) =>
        context.Render<CountBars>(p => p.Add(x => x.Title, "Sessions reaching N turns").Add(x => x.Bars, bars).Add(x => x.TestId, "funnel").Add(x => x.Of, of));

    [Fact]
    public void Bars_areSizedAgainstTheLongest_andEachValueShowsItsShareOfTheTotal()
    {
        var cut = Render([("1+ turns", 3), ("2+ turns", 2), ("5+ turns", 0)], of: 4);

        Assert.Equal("Sessions reaching N turns", cut.Find("figcaption").TextContent);
        Assert.Equal(["1+ turns", "2+ turns", "5+ turns"], cut.FindAll(".bar-label").Select(e => e.TextContent));
        Assert.Equal(["3 (75%)", "2 (50%)", "0 (0%)"], cut.FindAll("[data-bar]").Select(e => e.TextContent));
        Assert.Equal(["width: calc((100% - 6.5rem) * 1)", "width: calc((100% - 6.5rem) * 0.6667)", "width: calc((100% - 6.5rem) * 0)"],
            cut.FindAll(".bar").Select(e => e.GetAttribute("style")));
        Assert.Equal("2+ turns: 2", cut.FindAll(".bar")[1].GetAttribute("title"));
    }

    [Fact]
    public void AllZero_orNoTotal_drawsNoBar_andWritesPlainCounts()
    {
        var cut = Render([("views", 0), ("opens", 0)]);

        Assert.All(cut.FindAll(".bar"), bar => Assert.Equal("width: calc((100% - 6.5rem) * 0)", bar.GetAttribute("style")));
        Assert.Equal(["0", "0"], cut.FindAll("[data-bar]").Select(e => e.TextContent));
        Assert.Empty(Render([]).FindAll(".bar-row"));
    }

    [Fact]
    public void ALabelWithMarkup_staysText()
    {
        var cut = Render([("<img src=x onerror=alert(1)>", 1), ("b", 3)]);

        Assert.Empty(cut.FindAll("img"));
        Assert.Equal("<img src=x onerror=alert(1)>", cut.Find(".bar-label").TextContent);
        Assert.Equal("<img src=x onerror=alert(1)>: 1", cut.Find(".bar").GetAttribute("title"));
        Assert.Equal("width: calc((100% - 6.5rem) * 0.3333)", cut.Find(".bar").GetAttribute("style"));
    }
}
