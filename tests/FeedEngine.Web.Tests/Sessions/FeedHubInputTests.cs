using FeedEngine.Engine.Abstractions.Sessions;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using static FeedEngine.Testing.HubClients;
using static FeedEngine.Web.Tests.Sessions.HubApp;

namespace FeedEngine.Web.Tests.Sessions;

/// <summary>Invalid calls fail with a HubException a person can act on, and leave the stored session as it was.</summary>
[Collection(HubCollection.Name)]
public sealed class FeedHubInputTests(HubApp app)
{
    const string Quiz = "demo-night-sky-quiz";

    async Task<(HubConnection Connection, SessionSnapshot Session)> SessionWithOneExchangeAsync(string? token = null)
    {
        var connection = await app.ConnectAsync(token ?? await app.GuestTokenAsync());
        var session = await connection.InvokeAsync<SessionSnapshot>("StartSession", Quiz);
        await SendAndCancelAsync(connection, session.SessionId, "The Sun!");
        return (connection, await connection.InvokeAsync<SessionSnapshot>("StartSession", Quiz));
    }

    /// <summary>Sends, stops the reply at its first frame (a full one takes seconds on CPU), and reads to its turn event.</summary>
    static async Task SendAndCancelAsync(HubConnection connection, string sessionId, string text)
    {
        await using var reading = connection.StreamAsync<SessionEvent>("Send", sessionId, text, Array.Empty<string>()).GetAsyncEnumerator();
        var cancelled = false;
        while (await reading.MoveNextAsync())
        {
            if (reading.Current.Kind != SessionEventKind.Token || cancelled) continue;
            await connection.InvokeAsync("Cancel", sessionId);
            cancelled = true;
        }
    }

    static async Task<string> RefusedAsync(Func<Task> call) => (await Assert.ThrowsAsync<HubException>(call)).Message;

    static Task StreamAsync(HubConnection connection, string method, params object?[] arguments) =>
        ReadAllAsync(connection.StreamAsyncCore<SessionEvent>(method, arguments));

    static async Task AssertUnchangedAsync(HubConnection connection, SessionSnapshot before)
    {
        var after = await connection.InvokeAsync<SessionSnapshot>("StartSession", Quiz);
        Assert.Equal(before.SessionId, after.SessionId);
        Assert.Equal(before.LastEventSeq, after.LastEventSeq);
        Assert.Equal(before.Turns.Select(t => t.Text), after.Turns.Select(t => t.Text));
        Assert.Equal(before.StateJson, after.StateJson);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public async Task Send_emptyMessage_isRefused(string? text)
    {
        var (connection, session) = await SessionWithOneExchangeAsync();
        await using var _ = connection;

        var message = await RefusedAsync(() => StreamAsync(connection, "Send", session.SessionId, text, Array.Empty<string>()));

        Assert.Contains("A message needs 1 to 2000 characters.", message, StringComparison.Ordinal);
        await AssertUnchangedAsync(connection, session);
    }

    [Fact]
    public async Task Send_overlongMessage_isRefused()
    {
        var (connection, session) = await SessionWithOneExchangeAsync();
        await using var _ = connection;

        var message = await RefusedAsync(() => StreamAsync(connection, "Send", session.SessionId, new string('x', 2001), Array.Empty<string>()));

        Assert.Contains("A message needs 1 to 2000 characters.", message, StringComparison.Ordinal);
        await AssertUnchangedAsync(connection, session);
    }

    [Fact]
    public async Task UnknownAndForeignSessions_areRefusedAndTheOwnersSessionIsUnchanged()
    {
        var (owner, session) = await SessionWithOneExchangeAsync();
        await using var _ = owner;
        await using var other = await app.ConnectAsync(await app.GuestTokenAsync());

        var refusals = new[]
        {
            await RefusedAsync(() => StreamAsync(other, "Send", session.SessionId, "Let me in.", Array.Empty<string>())),
            await RefusedAsync(() => StreamAsync(other, "Resume", session.SessionId, 0L)),
            await RefusedAsync(() => other.InvokeAsync("Cancel", session.SessionId)),
            await RefusedAsync(() => StreamAsync(other, "Send", "no-such-session-id", "Hello", Array.Empty<string>())),
            await RefusedAsync(() => StreamAsync(other, "Resume", "no-such-session-id", 0L)),
        };

        Assert.All(refusals, m => Assert.Contains("There is no such session among yours.", m, StringComparison.Ordinal));
        await AssertUnchangedAsync(owner, session);
    }

    [Fact]
    public async Task Resume_beyondTheLastEvent_isRefusedWithTheRange()
    {
        var (connection, session) = await SessionWithOneExchangeAsync();
        await using var _ = connection;

        var message = await RefusedAsync(() => StreamAsync(connection, "Resume", session.SessionId, session.LastEventSeq + 1));

        Assert.Contains($"events run from 1 to {session.LastEventSeq}", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartSession_unknownPost_isRefused()
    {
        await using var connection = await app.ConnectAsync(await app.GuestTokenAsync());

        var message = await RefusedAsync(() => connection.InvokeAsync<SessionSnapshot>("StartSession", "no-such-post"));

        Assert.Contains("There is no published post 'no-such-post'", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_moreThanAllowedPerMinute_isRefusedWithTheWait()
    {
        var (connection, session) = await SessionWithOneExchangeAsync();
        await using var _ = connection;
        for (var i = 1; i < SendsPerMinute; i++) await SendAndCancelAsync(connection, session.SessionId, $"Answer {i}");
        var before = await connection.InvokeAsync<SessionSnapshot>("StartSession", Quiz);

        var message = await RefusedAsync(() => StreamAsync(connection, "Send", session.SessionId, "One too many", Array.Empty<string>()));

        Assert.Contains($"faster than {SendsPerMinute} a minute. Try again in", message, StringComparison.Ordinal);
        await AssertUnchangedAsync(connection, before);
    }

    [Fact]
    public async Task Message_largerThanTheHubAccepts_closesTheConnectionUnread()
    {
        var token = await app.GuestTokenAsync();
        var (connection, session) = await SessionWithOneExchangeAsync(token);
        var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.Closed += e => { closed.TrySetResult(e); return Task.CompletedTask; };

        await Assert.ThrowsAnyAsync<Exception>(() => StreamAsync(connection, "Send", session.SessionId, new string('x', 40_000), Array.Empty<string>()));

        Assert.NotNull(await closed.Task.WaitAsync(TimeSpan.FromSeconds(30)));
        await connection.DisposeAsync();
        await using var again = await app.ConnectAsync(token);
        await AssertUnchangedAsync(again, session);
    }

    [Fact]
    public async Task Connect_withoutAToken_isRefused()
    {
        var connection = new HubConnectionBuilder().WithUrl($"{app.BaseUrl}/hubs/feed").Build();

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => connection.StartAsync());

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, error.StatusCode);
    }
}
