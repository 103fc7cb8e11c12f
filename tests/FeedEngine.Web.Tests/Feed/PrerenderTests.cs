using System.Net;

namespace FeedEngine.Web.Tests.Feed;

/// <summary>
/// Pages that prerender the conversation panel on the server: every service the panel injects in the browser must be
/// registered on the server too, or the page answers 500 before the browser ever loads it.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class PrerenderTests(FeedEngineApp app)
{
    [Theory]
    [InlineData("/?room=ABCDEF", "data-testid=\"room\"")]
    [InlineData("/", "The Lighthouse at Gull")]
    public async Task PageWithAConversationPanel_prerendersOnTheServer(string url, string expected)
    {
        var response = await app.CreateClient().GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
