using FeedEngine.Web.Client.Social;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace FeedEngine.Web.Client.Feed;

/// <summary>
/// Views for creator analytics: feed.js watches the list and reports post cards at least half in view; each post is
/// sent once per page (the server counts it once per viewer per day). Sponsored cards are not posts' views.
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

    /// <summary>Called by feed.js with the ids of post cards that came into view.</summary>
    [JSInvokable]
    public async Task OnCardsSeen(string[] postIds)
    {
        var posts = Items.Where(i => i.Kind == "post").Select(i => i.PostId).ToHashSet(StringComparer.Ordinal);
        var fresh = postIds.Where(id => posts.Contains(id) && reported.Add(id)).Take(PostViewsLimit).ToList();
        if (fresh.Count == 0) return;
        await Quietly(() => Api.ViewedAsync(fresh));
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
