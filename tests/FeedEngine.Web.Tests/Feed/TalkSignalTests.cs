using FeedEngine.Engine.Abstractions.Sessions;
using FeedEngine.Storage.Viewers;
using FeedEngine.Storage.Sessions;
using FeedEngine.Web.Tests.Sessions;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using static FeedEngine.Testing.HubClients;

namespace FeedEngine.Web.Tests.Feed;

/// <summary>How long a viewer talks with a post moves their interests (issue 7's ranking signals): through the hub and the real session grain.</summary>
[Collection(ScriptedHubCollection.Name)]
public sealed class TalkSignalTests(ScriptedHubApp app)
{
    [Fact]
    public async Task ThirdMessageOfASession_movesTheViewersInterestsTowardsThePost_andTheFourthDoesNot()
    {
        await using var connection = await app.ConnectGuestAsync();
        var session = await connection.InvokeAsync<SessionSnapshot>("StartSession", "demo-lighthouse");
        var viewerId = (await app.Services.GetRequiredService<ISessionRepository>().FindAsync(session.SessionId))!.OwnerId;
        var profiles = app.Services.GetRequiredService<IViewerProfileRepository>();

        async Task SendAsync(string text) => await ReadAllAsync(connection.StreamAsync<SessionEvent>("Send", session.SessionId, text, Array.Empty<string>()));

        await SendAsync("Is the lamp lit tonight?");
        await SendAsync("Who keeps it burning?");
        Assert.Null((await profiles.FindAsync(viewerId))?.InterestVector);

        await SendAsync("Tell me about the storm.");
        var moved = await SignalledAsync(profiles, viewerId);
        Assert.Equal(384, moved.InterestVector!.Length);
        Assert.Equal(1, moved.InterestSignals);

        await SendAsync("And the ships?");
        Assert.Equal(1, (await profiles.FindAsync(viewerId))!.InterestSignals);
    }

    [Fact]
    public async Task AnotherViewersThirdMessage_movesOnlyTheirOwnInterests()
    {
        await using var first = await app.ConnectGuestAsync();
        await using var second = await app.ConnectGuestAsync();
        var mine = await first.InvokeAsync<SessionSnapshot>("StartSession", "demo-captain-mara");
        var theirs = await second.InvokeAsync<SessionSnapshot>("StartSession", "demo-captain-mara");
        var sessions = app.Services.GetRequiredService<ISessionRepository>();
        var profiles = app.Services.GetRequiredService<IViewerProfileRepository>();

        for (var i = 1; i <= 3; i++)
            await ReadAllAsync(second.StreamAsync<SessionEvent>("Send", theirs.SessionId, $"Ahoy number {i}", Array.Empty<string>()));

        Assert.Equal(1, (await SignalledAsync(profiles, (await sessions.FindAsync(theirs.SessionId))!.OwnerId)).InterestSignals);
        Assert.Null((await profiles.FindAsync((await sessions.FindAsync(mine.SessionId))!.OwnerId))?.InterestVector);
    }

    /// <summary>
    /// The viewer's profile once the feed has learnt from their talking: the session tells the feed in the background
    /// (the reply does not wait for it), so the test waits for the profile, failing after 10 s.
    /// </summary>
    static async Task<ViewerProfileDocument> SignalledAsync(IViewerProfileRepository profiles, string viewerId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            if (await profiles.FindAsync(viewerId) is { InterestSignals: > 0 } profile) return profile;
            Assert.True(DateTime.UtcNow < deadline, $"The feed did not learn from viewer {viewerId}'s talking within 10 s.");
            await Task.Delay(20);
        }
    }
}
