using FeedEngine.Web.Client.Social;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace FeedEngine.Web.Client.Feed;

/// <summary>
/// Cards in view: feed.js watches the list and reports cards at least half in view, each once per page. Post cards are
/// views for creator analytics (the server counts one per viewer per post per day); sponsored cards are the campaign's
/// impressions (<c>POST /api/ads/events</c>, recorded once per placement however often it is sent).
/// </summary>
public sealed partial class FeedCards
{
    ElementReference list;
    IJSObjectReference? viewsModule;
    IJSObjectReference? viewsWatch;
    DotNetObjectReference<FeedCards>? self;
    readonly HashSet<string> reported = new(StringComparer.Ordinal);

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender || !OperatingSystem.IsBrowser()) return;
        try
        {
            self = DotNetObjectReference.Create(this);
            viewsModule = await JS.InvokeAsync<IJSObjectReference>("import", "./feed.js");
            viewsWatch = await viewsModule.InvokeAsync<IJSObjectReference>("watchCards", list, self);
        }
        catch (JSException)
        {
            // Without the watcher no views are counted; the feed works the same.
        }
    }

    /// <summary>Called by feed.js with the ids of cards that came into view.</summary>
    [JSInvokable]
    public async Task OnCardsSeen(string[] postIds)
    {
        var posts = Items.Where(i => i.Kind == "post").Select(i => i.PostId).ToHashSet(StringComparer.Ordinal);
        var fresh = postIds.Where(id => posts.Contains(id) && reported.Add(id)).Take(PostViewsLimit).ToList();
        var sponsored = Items.Where(i => i.Sponsored is not null).GroupBy(i => i.PostId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Sponsored!.PlacementId, StringComparer.Ordinal);
        var impressions = postIds.Where(id => sponsored.ContainsKey(id) && reported.Add(id)).Take(PostViewsLimit).Select(id => sponsored[id]).ToList();
        if (fresh.Count > 0) await Quietly(() => Api.ViewedAsync(fresh));
        foreach (var placementId in impressions) await Quietly(() => Api.SponsoredImpressionAsync(placementId));
    }

    const int PostViewsLimit = 50;

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (viewsWatch is not null) { await viewsWatch.InvokeVoidAsync("dispose"); await viewsWatch.DisposeAsync(); }
            if (viewsModule is not null) await viewsModule.DisposeAsync();
        }
        catch (JSDisconnectedException)
        {
            // The page is gone; so is the watcher.
        }
        self?.Dispose();
    }
}
