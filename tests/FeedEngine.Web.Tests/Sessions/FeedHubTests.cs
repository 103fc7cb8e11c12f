using System.Text.Json;
using FeedEngine.Engine.Abstractions.Sessions;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using static FeedEngine.Testing.HubClients;
using static FeedEngine.Web.Tests.Sessions.HubApp;

namespace FeedEngine.Web.Tests.Sessions;

/// <summary>The hub contract over a real WebSocket, with the generated ONNX model writing the replies.</summary>
[Collection(HubCollection.Name)]
public sealed class FeedHubTests(HubApp app)
{
    const string Lighthouse = "demo-lighthouse";

    [Fact]
    public async Task StartSession_freshViewer_getsTheContractShapeWithOnlyVisibleState()
    {
        await using var connection = await app.ConnectAsync(await app.GuestTokenAsync());

        var json = await connection.InvokeAsync<JsonElement>("StartSession", Lighthouse);

        Assert.Equal(Lighthouse, json.GetProperty("postId").GetString());
        Assert.Equal(22, json.GetProperty("sessionId").GetString()!.Length);
        Assert.Equal(1, json.GetProperty("postVersion").GetInt32());
        Assert.Equal("The Lighthouse at Gull's End", json.GetProperty("title").GetString());
        Assert.False(string.IsNullOrEmpty(json.GetProperty("greeting").GetString()));
        Assert.Equal(0, json.GetProperty("lastEventSeq").GetInt64());
        Assert.Equal(0, json.GetProperty("turns").GetArrayLength());
        Assert.Equal("""{"location":"harbor","clues":[]}""", json.GetProperty("state").GetRawText());
        Assert.Equal(3, json.GetProperty("suggestedReplies").GetArrayLength());
        Assert.DoesNotContain("suspicion", json.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("Edwin", json.GetRawText(), StringComparison.Ordinal);
        Assert.False(json.TryGetProperty("stateJson", out _));
    }

    [Fact]
    public async Task Send_streamsTokenFramesAndATurnEventThatMatchTheStoredTurn()
    {
        await using var connection = await app.ConnectAsync(await app.GuestTokenAsync());
        var session = await connection.InvokeAsync<SessionSnapshot>("StartSession", Lighthouse);

        var events = await ReadAllAsync(connection.StreamAsync<SessionEvent>("Send", session.SessionId, "I ask the harbormaster about the keeper.", Array.Empty<string>()));

        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.Seq));
        Assert.Equal((SessionEventKind.Message, 1L), (events[0].Kind, events[0].TurnSeq));
        Assert.True(events.Count(e => e.Kind == SessionEventKind.Token) >= 2, "The reply came in one frame; the model is too fast for this test.");
        var turn = events[^1];
        Assert.Equal((SessionEventKind.Turn, 2L, SessionTurnStatus.Complete), (turn.Kind, turn.TurnSeq, turn.TurnStatus));
        Assert.Equal(turn.Text, Tokens(events));
        Assert.NotEqual("", turn.Text);

        var reopened = await connection.InvokeAsync<SessionSnapshot>("StartSession", Lighthouse);
        Assert.Equal(session.SessionId, reopened.SessionId);
        Assert.Equal(turn.Seq, reopened.LastEventSeq);
        Assert.Equal(["I ask the harbormaster about the keeper.", turn.Text], reopened.Turns.Select(t => t.Text));
        Assert.Equal([SessionRole.Viewer, SessionRole.Post], reopened.Turns.Select(t => t.Role));
    }

    [Fact]
    public async Task Resume_afterADropMidReply_deliversExactlyTheRestOfTheStoredTurn()
    {
        var token = await app.GuestTokenAsync();
        var first = await app.ConnectAsync(token);
        var session = await first.InvokeAsync<SessionSnapshot>("StartSession", Lighthouse);
        var seen = new List<SessionEvent>();
        await foreach (var item in first.StreamAsync<SessionEvent>("Send", session.SessionId, "Tell me about the lighthouse.", Array.Empty<string>()))
        {
            seen.Add(item);
            if (seen.Count(e => e.Kind == SessionEventKind.Token) == 2) break;
        }
        await first.DisposeAsync();

        await using var second = await app.ConnectAsync(token);
        var rest = await ReadUntilTurnAsync(second, "Resume", session.SessionId, seen[^1].Seq);

        Assert.Contains(rest, e => e.Kind == SessionEventKind.Token);
        var all = seen.Concat(rest).ToList();
        Assert.Equal(Enumerable.Range(1, all.Count).Select(i => (long)i), all.Select(e => e.Seq));
        var stored = (await second.InvokeAsync<SessionSnapshot>("StartSession", Lighthouse)).Turns[^1];
        Assert.Equal(SessionTurnStatus.Complete, stored.Status);
        Assert.Equal(stored.Text, Tokens(all));
        Assert.Equal(stored.Text, rest[^1].Text);
    }

    [Fact]
    public async Task Resume_afterTheReplyFinishedWhileAway_deliversExactlyTheRest()
    {
        var token = await app.GuestTokenAsync();
        var first = await app.ConnectAsync(token);
        var session = await first.InvokeAsync<SessionSnapshot>("StartSession", Lighthouse);
        var seen = new List<SessionEvent>();
        await foreach (var item in first.StreamAsync<SessionEvent>("Send", session.SessionId, "I walk along the harbor wall.", Array.Empty<string>()))
        {
            seen.Add(item);
            if (item.Kind == SessionEventKind.Token) break;
        }
        await first.DisposeAsync();

        // Another device of the same viewer watches the reply finish; the first one is still away.
        await using (var watcher = await app.ConnectAsync(token))
        {
            var watched = await ReadUntilTurnAsync(watcher, "Resume", session.SessionId, 0L);
            Assert.Equal(SessionTurnStatus.Complete, watched[^1].TurnStatus);
        }
        await using var back = await app.ConnectAsync(token);
        var rest = await ReadUntilTurnAsync(back, "Resume", session.SessionId, seen[^1].Seq);

        var all = seen.Concat(rest).ToList();
        Assert.Equal(Enumerable.Range(1, all.Count).Select(i => (long)i), all.Select(e => e.Seq));
        var stored = (await back.InvokeAsync<SessionSnapshot>("StartSession", Lighthouse)).Turns[^1];
        Assert.Equal(stored.Text, Tokens(all));
        Assert.Equal(stored.Text, rest[^1].Text);
    }

    [Fact]
    public async Task Cancel_duringAReply_endsTheStreamWithStoppedAndKeepsThePartialTurn()
    {
        await using var connection = await app.ConnectAsync(await app.GuestTokenAsync());
        var session = await connection.InvokeAsync<SessionSnapshot>("StartSession", Lighthouse);
        var events = new List<SessionEvent>();

        await foreach (var item in connection.StreamAsync<SessionEvent>("Send", session.SessionId, "Describe the storm.", Array.Empty<string>()))
        {
            events.Add(item);
            if (item.Kind == SessionEventKind.Token && events.Count(e => e.Kind == SessionEventKind.Token) == 1)
                await connection.InvokeAsync("Cancel", session.SessionId);
        }

        Assert.Equal(SessionStatusCode.Stopped, Assert.Single(events, e => e.Kind == SessionEventKind.Status).Status!.Code);
        Assert.Equal(SessionTurnStatus.Stopped, events[^1].TurnStatus);
        var stored = (await connection.InvokeAsync<SessionSnapshot>("StartSession", Lighthouse)).Turns[^1];
        Assert.Equal((SessionTurnStatus.Stopped, Tokens(events)), (stored.Status, stored.Text));
        Assert.True(stored.Text.Length < ReplyTokens, "The reply ran to its end: Cancel did not stop it.");
    }

    [Fact]
    public async Task Events_onTheWire_areCamelCaseWithEnumsAsStrings()
    {
        await using var connection = await app.ConnectAsync(await app.GuestTokenAsync());
        var session = await connection.InvokeAsync<SessionSnapshot>("StartSession", Lighthouse);

        var events = new List<JsonElement>();
        await foreach (var item in connection.StreamAsync<JsonElement>("Send", session.SessionId, "Hello?", Array.Empty<string>()))
            events.Add(item);

        Assert.Equal("message", events[0].GetProperty("kind").GetString());
        Assert.Equal("viewer", events[0].GetProperty("role").GetString());
        var turn = events[^1];
        Assert.Equal(("turn", "complete", "post"), (turn.GetProperty("kind").GetString(), turn.GetProperty("turnStatus").GetString(), turn.GetProperty("role").GetString()));
        Assert.All(events, e => Assert.True(e.TryGetProperty("seq", out _) && e.TryGetProperty("sponsored", out _)));
        Assert.Contains(events, e => e.GetProperty("kind").GetString() == "token" && e.GetProperty("text").GetString()!.Length > 0);
    }
}
