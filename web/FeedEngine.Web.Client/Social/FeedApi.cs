using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using FeedEngine.Web.Client.Feed;
using FeedEngine.Web.Client.Talk;

namespace FeedEngine.Web.Client.Social;

/// <summary>
/// The feed's API calls from the browser, each with the viewer's token (a guest's when nobody signed in): the feed pages,
/// likes, follows, hides, creator profiles and the viewer's conversations. A refused token is renewed once.
/// </summary>
public sealed class FeedApi(FeedHttp http, ViewerToken token) : IFeedSource
{
    public async Task<FeedPage> GetPageAsync(string? cursor, int pageSize, CancellationToken cancellationToken = default)
    {
        var url = $"api/feed?pageSize={pageSize}" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}");
        return await ReadAsync<FeedPage>(HttpMethod.Get, url, cancellationToken);
    }

    public Task<LikeResult> LikeAsync(string postId, bool like, CancellationToken cancellationToken = default) =>
        ReadAsync<LikeResult>(like ? HttpMethod.Put : HttpMethod.Delete, $"api/me/likes/{Uri.EscapeDataString(postId)}", cancellationToken);

    public Task<FollowResult> FollowAsync(string creatorId, bool follow, CancellationToken cancellationToken = default) =>
        ReadAsync<FollowResult>(follow ? HttpMethod.Put : HttpMethod.Delete, $"api/me/follows/{Uri.EscapeDataString(creatorId)}", cancellationToken);

    public async Task HideAsync(string postId, CancellationToken cancellationToken = default) =>
        (await SendAsync(HttpMethod.Put, $"api/me/hidden/{Uri.EscapeDataString(postId)}", cancellationToken)).Dispose();

    /// <summary>Tells the ranking the viewer opened a post (their interests move towards it).</summary>
    public async Task OpenedAsync(string postId, CancellationToken cancellationToken = default) =>
        (await SendAsync(HttpMethod.Post, $"api/me/opened/{Uri.EscapeDataString(postId)}", cancellationToken)).Dispose();

    /// <summary>Tells the creators' analytics which post cards the viewer was shown (once per post per day is counted).</summary>
    public async Task<PostViewsResult> ViewedAsync(IReadOnlyList<string> postIds, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(HttpMethod.Post, "api/me/viewed", cancellationToken, () => JsonContent.Create(new PostViewsRequest(postIds)));
        return await response.Content.ReadFromJsonAsync<PostViewsResult>(cancellationToken) ?? new PostViewsResult(0);
    }

    /// <summary>A sponsored card was shown: its impression (the server drops repeats).</summary>
    public async Task SponsoredImpressionAsync(string placementId, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(HttpMethod.Post, "api/ads/events", cancellationToken,
            () => JsonContent.Create(new SponsoredEventRequest(placementId, "impression")));
    }

    public Task<CreatorProfile> GetCreatorAsync(string creatorId, CancellationToken cancellationToken = default) =>
        ReadAsync<CreatorProfile>(HttpMethod.Get, $"api/creators/{Uri.EscapeDataString(creatorId)}", cancellationToken);

    public Task<FeedItem> GetPostAsync(string postId, CancellationToken cancellationToken = default) =>
        ReadAsync<FeedItem>(HttpMethod.Get, $"api/feed/posts/{Uri.EscapeDataString(postId)}", cancellationToken);

    public Task<ConversationList> GetConversationsAsync(CancellationToken cancellationToken = default) =>
        ReadAsync<ConversationList>(HttpMethod.Get, "api/me/sessions", cancellationToken);

    internal async Task<T> ReadAsync<T>(HttpMethod method, string url, CancellationToken cancellationToken, Func<HttpContent>? content = null)
    {
        using var response = await SendAsync(method, url, cancellationToken, content);
        return await response.Content.ReadFromJsonAsync<T>(cancellationToken)
            ?? throw new HttpRequestException("FeedEngine answered with an empty body.");
    }

    /// <summary>Sends with the viewer's token (renewed once when refused); <paramref name="content"/> makes a fresh body per attempt.</summary>
    internal async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, CancellationToken cancellationToken, Func<HttpContent>? content = null)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var request = new HttpRequestMessage(method, url) { Content = content?.Invoke() };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await token.GetAsync(cancellationToken));
            var response = await http.Client.SendAsync(request, cancellationToken);
            if (response.StatusCode == HttpStatusCode.Unauthorized && attempt == 0)
            {
                response.Dispose();
                await token.ForgetAsync();
                continue;
            }
            if (response.IsSuccessStatusCode) return response;
            var problem = await ProblemMessageAsync(response, cancellationToken);
            response.Dispose();
            throw new HttpRequestException(problem, null, response.StatusCode);
        }
    }

    static async Task<string> ProblemMessageAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var problem = await response.Content.ReadFromJsonAsync<ProblemBody>(cancellationToken);
            if (!string.IsNullOrWhiteSpace(problem?.Detail)) return problem.Detail;
        }
        catch (System.Text.Json.JsonException)
        {
            // Not a ProblemDetails body; fall back to the status.
        }
        return $"FeedEngine answered {(int)response.StatusCode} {response.ReasonPhrase}.";
    }

    sealed record ProblemBody(string? Title, string? Detail);
}

/// <summary>The HttpClient the feed's browser code calls FeedEngine with (same origin).</summary>
public sealed class FeedHttp(HttpClient client)
{
    public HttpClient Client { get; } = client;
}
