using Bunit;
using FeedEngine.Storage.Posts;
using FeedEngine.Web.Components.Studio;

namespace FeedEngine.Web.Tests.Studio;

/// <summary>The editor's side panel: its draft version is where studio.js writes the version each autosave returns.</summary>
public sealed class PublishPanelTests : IDisposable
{
    readonly BunitContext context = new();

    public void Dispose() => context.Dispose();

    static PostDocument Post(long version) => new() { Id = "post1", Status = PostStatus.Draft, Version = version, Draft = new PostContent { Title = "Heist" } };

    [Fact]
    public void DraftVersion_isInTheElementStudioJsUpdatesAfterAutosave()
    {
        var cut = context.Render<PublishPanel>(p => p.Add(x => x.Post, Post(7)));

        Assert.Equal("7", cut.Find("[data-testid=draft-version]").TextContent.Trim());
        // The script writes every element matching its selector; the panel's version must be one of them.
        var script = File.ReadAllText(Path.Combine(RepositoryRoot(), "web/FeedEngine.Web/wwwroot/studio.js"));
        var selector = System.Text.RegularExpressions.Regex.Match(script, @"querySelectorAll\('(\[data-draft-version\])'\)\.forEach\(e => \{ e\.textContent = String\(saved\.version\)").Groups[1].Value;
        Assert.Equal("[data-draft-version]", selector);
        Assert.Equal("draft-version", Assert.Single(cut.FindAll(selector)).GetAttribute("data-testid"));
    }

    [Fact]
    public void DraftVersion_followsThePostsVersion_whenThePanelRendersAgain()
    {
        var cut = context.Render<PublishPanel>(p => p.Add(x => x.Post, Post(7)));

        cut.Render(p => p.Add(x => x.Post, Post(8)));

        Assert.Equal("8", cut.Find("[data-draft-version]").TextContent.Trim());
    }

    static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "FeedEngine.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("The repository root (FeedEngine.sln) was not found above the test output.");
    }
}
