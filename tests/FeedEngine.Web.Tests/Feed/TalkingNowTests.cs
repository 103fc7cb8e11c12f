using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using FeedEngine.Engine.Abstractions.Sessions;
using FeedEngine.Web.Tests.Sessions;
using Microsoft.AspNetCore.SignalR.Client;

namespace FeedEngine.Web.Tests.Feed;

/// <summary>"Talking now" on feed items: viewers with a live connection on the post, counted once each, gone when they disconnect.</summary>
[Collection(HubCollection.Name)]
public sealed class TalkingNowTests(HubApp app)
{
    // No other hub test opens sessions on this post, so its count is this test's alone.
    const string Orchard = "demo-clockwork-orchard";

    async Task<int> TalkingNowAsync(HttpClient reader)
    {
        var feed = await reader.GetFromJsonAsync<JsonElement>("/api/feed?pageSize=50");
        return feed.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("postId").GetString() == Orchard).GetProperty("talkingNow").GetInt32();
    }

    /// <summary>Reports travel in the background: waits (generously) until the feed shows <paramref name="expected"/>.</summary>
    async Task ExpectAsync(HttpClient reader, int expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        int seen;
        while ((seen = await TalkingNowAsync(reader)) != expected && DateTime.UtcNow < deadline) await Task.Delay(50);
        Assert.Equal(expected, seen);
    }

    [Fact]
    public async Task TalkingNow_countsViewersOnThePost_onceEach_andDropsThemOnDisconnect()
    {
        using var reader = app.Http();
        reader.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.GuestTokenAsync());
        await ExpectAsync(reader, 0);

        var firstToken = await app.GuestTokenAsync();
        var first = await app.ConnectAsync(firstToken);
        var firstAgain = await app.ConnectAsync(firstToken);
        var second = await app.ConnectAsync(await app.GuestTokenAsync());
        var elsewhere = await app.ConnectAsync(await app.GuestTokenAsync());
        try
        {
            await first.InvokeAsync<SessionSnapshot>("StartSession", Orchard);
            await firstAgain.InvokeAsync<SessionSnapshot>("StartSession", Orchard);
            await second.InvokeAsync<SessionSnapshot>("StartSession", Orchard);
            await elsewhere.InvokeAsync<SessionSnapshot>("StartSession", "demo-captain-mara");
            // The same viewer in two tabs counts once; a viewer on another post does not count here.
            await ExpectAsync(reader, 2);

            // Opening a session on another post moves the viewer there.
            await second.InvokeAsync<SessionSnapshot>("StartSession", "demo-captain-mara");
            await ExpectAsync(reader, 1);

            await first.DisposeAsync();
            await ExpectAsync(reader, 1);
            await firstAgain.DisposeAsync();
            await ExpectAsync(reader, 0);
        }
        finally
        {
            await first.DisposeAsync();
            await firstAgain.DisposeAsync();
            await second.DisposeAsync();
            await elsewhere.DisposeAsync();
        }
    }

    [Fact]
    public async Task StartSession_onAPostThatDoesNotExist_countsNowhere()
    {
        using var reader = app.Http();
        reader.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.GuestTokenAsync());
        await using var connection = await app.ConnectAsync(await app.GuestTokenAsync());

        await Assert.ThrowsAsync<Microsoft.AspNetCore.SignalR.HubException>(() => connection.InvokeAsync<SessionSnapshot>("StartSession", "no-such-post"));
        await connection.InvokeAsync<SessionSnapshot>("StartSession", Orchard);
        await ExpectAsync(reader, 1);
        await Assert.ThrowsAsync<Microsoft.AspNetCore.SignalR.HubException>(() => connection.InvokeAsync<SessionSnapshot>("StartSession", new string('x', 500)));

        // A refused call leaves the viewer where they were.
        await ExpectAsync(reader, 1);
    }
}
