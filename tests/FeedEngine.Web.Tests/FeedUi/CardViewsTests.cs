using System.Net;
using System.Text;
using System.Text.Json;
using Bunit;
using FeedEngine.Web.Client.Feed;
using FeedEngine.Web.Client.Social;
using Microsoft.Extensions.DependencyInjection;

namespace FeedEngine.Web.Tests.FeedUi;

/// <summary>The feed cards report the post cards feed.js saw in view: posts only, each once per page, in one call.</summary>
public sealed class CardViewsTests : FeedUiContext
{
    readonly RecordingHandler handler = new();

    public CardViewsTests() =>
        Context.Services.AddScoped(_ => new FeedHttp(new HttpClient(handler) { BaseAddress = new Uri("http://feed.test/") }));

    static FeedItem Item(string id, string kind = "post") => new(kind, id, $"Post {id}", null, new FeedCreator("c", "Cy"), "Hook", "story", "everyone", []);

    [Fact]
    public async Task CardsSeen_reportsEachShownPostOnce_sponsoredCardsAsImpressions_andNeverUnknownCards()
    {
        var ad = Item("ad1", "sponsored") with { Sponsored = new SponsoredFeedCard("Sponsored", "ad1", "StarGazer", "Hi!", [], "/api/ads/click/ad1") };
        var cut = Context.Render<FeedCards>(p => p.Add(x => x.Items, [Item("p1"), ad, Item("p2")]));

        await cut.InvokeAsync(() => cut.Instance.OnCardsSeen(["p1", "ad1", "p1", "p2", "not-in-the-list"]));
        await cut.InvokeAsync(() => cut.Instance.OnCardsSeen(["p2", "p1"]));

        var views = handler.Bodies("/api/me/viewed");
        var body = Assert.Single(views);
        Assert.Equal(["p1", "p2"], body.GetProperty("postIds").EnumerateArray().Select(e => e.GetString()));
        // The sponsored card is not a post's view: it is its campaign's impression, sent once.
        var impression = Assert.Single(handler.Bodies("/api/ads/events"));
        Assert.Equal(("ad1", "impression"), (impression.GetProperty("placementId").GetString(), impression.GetProperty("kind").GetString()));
    }

    sealed class RecordingHandler : HttpMessageHandler
    {
        readonly List<(string Path, string Body)> requests = [];

        public IReadOnlyList<JsonElement> Bodies(string path)
        {
            lock (requests) return [.. requests.Where(r => r.Path == path).Select(r => JsonSerializer.Deserialize<JsonElement>(r.Body))];
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var path = request.RequestUri!.AbsolutePath;
            var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
            lock (requests) requests.Add((path, body));
            var json = path switch
            {
                "/api/auth/browser-token" => """{ "accessToken": "t", "expiresAt": "2099-01-01T00:00:00Z", "userId": "v1" }""",
                "/api/me/viewed" => """{ "counted": 2 }""",
                _ => null,
            };
            return json is null
                ? new HttpResponseMessage(HttpStatusCode.NoContent)
                : new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        }
    }
}
