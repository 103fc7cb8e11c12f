using System.Net.Http.Json;

namespace FeedEngine.Web.Client.Feed;

/// <summary>Reads the feed from <c>GET /api/feed</c> in the browser.</summary>
public sealed class HttpFeedSource(HttpClient http) : IFeedSource
{
    public async Task<FeedPage> GetPageAsync(string? cursor, int pageSize, CancellationToken cancellationToken = default)
    {
        var url = $"api/feed?pageSize={pageSize}" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}");
        return await http.GetFromJsonAsync<FeedPage>(url, cancellationToken)
            ?? throw new InvalidOperationException("The feed answered with an empty body.");
    }
}
