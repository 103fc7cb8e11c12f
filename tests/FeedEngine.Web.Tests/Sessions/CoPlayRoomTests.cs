using FeedEngine.Engine.Abstractions.Sessions;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using static FeedEngine.Testing.HubClients;
using static FeedEngine.Web.Tests.Sessions.HubApp;

namespace FeedEngine.Web.Tests.Sessions;

/// <summary>Co-play rooms over real WebSockets: shared replies, queued turns, who may join, removal and closing.</summary>
[Collection(HubCollection.Name)]
public sealed class CoPlayRoomTests(HubApp app)
{
    const string Lighthouse = "demo-lighthouse";

    /// <summary>An owner with a display name ("Test Person"), their session on the lighthouse, and its room.</summary>
    async Task<(HubConnection Owner, SessionSnapshot Session, RoomShare Room)> SharedSessionAsync()
    {
        var (_, account, _, _) = await app.SignUpAsync();
        var owner = await app.ConnectAsync(account.AccessToken);
        var session = await owner.InvokeAsync<SessionSnapshot>("StartSession", Lighthouse);
        var room = await owner.InvokeAsync<RoomShare>("ShareSession", session.SessionId);
        return (owner, session, room);
    }

    /// <summary>Follows the session from <paramref name="afterSeq"/> until <paramref name="stop"/> says so (or the stream ends).</summary>
    static async Task<List<SessionEvent>> FollowAsync(HubConnection connection, string sessionId, long afterSeq, Func<List<SessionEvent>, bool> stop)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var events = new List<SessionEvent>();
        await foreach (var item in connection.StreamAsync<SessionEvent>("Resume", sessionId, afterSeq, timeout.Token))
        {
            events.Add(item);
            if (stop(events)) break;
        }
        return events;
    }

    static Func<List<SessionEvent>, bool> Turns(int count) => events => events.Count(e => e.Kind == SessionEventKind.Turn) >= count;

    [Fact]
    public async Task TwoParticipants_inOneRoom_bothReceiveTheSameMessageAndReply()
    {
        var (owner, session, room) = await SharedSessionAsync();
        await using var _ = owner;
        var (guest, _) = await app.ConnectNewGuestAsync();
        await using var __ = guest;

        Assert.Equal(SessionLimits.RoomCodeLength, room.RoomCode.Length);
        Assert.EndsWith($"/?room={room.RoomCode}", room.Url, StringComparison.Ordinal);
        var joined = await guest.InvokeAsync<SessionSnapshot>("JoinSession", room.RoomCode.ToLowerInvariant());
        Assert.Equal((session.SessionId, room.RoomCode), (joined.SessionId, joined.RoomCode));

        var following = FollowAsync(guest, session.SessionId, joined.LastEventSeq, Turns(1));
        var sent = await ReadAllAsync(owner.StreamAsync<SessionEvent>("Send", session.SessionId, "Let's both look at the lamp.", Array.Empty<string>()));
        var seen = await following;

        Assert.Equal(sent.Select(e => (e.Seq, e.Kind, e.Text)), seen.Select(e => (e.Seq, e.Kind, e.Text)));
        Assert.Equal(("Test Person", "Let's both look at the lamp."), (seen[0].AuthorName, seen[0].Text));
        Assert.NotEqual("", seen[^1].Text);
    }

    [Fact]
    public async Task Message_whileAnotherReplyIsWritten_isQueuedThenAnsweredInOrder()
    {
        var (owner, session, room) = await SharedSessionAsync();
        await using var _ = owner;
        var (guest, guestId) = await app.ConnectNewGuestAsync();
        await using var __ = guest;
        await guest.InvokeAsync<SessionSnapshot>("JoinSession", room.RoomCode);
        var watching = FollowAsync(owner, session.SessionId, 0, Turns(2));

        await using var ownerSend = owner.StreamAsync<SessionEvent>("Send", session.SessionId, "First: the stairs.", Array.Empty<string>()).GetAsyncEnumerator();
        Assert.True(await ownerSend.MoveNextAsync());
        var guestEvents = await ReadAllAsync(guest.StreamAsync<SessionEvent>("Send", session.SessionId, "Second: the door.", Array.Empty<string>()));
        var all = await watching;

        Assert.Equal((SessionEventKind.Status, SessionStatusCode.Queued), (guestEvents[0].Kind, guestEvents[0].Status?.Code));
        var messages = all.Where(e => e.Kind == SessionEventKind.Message).ToList();
        Assert.Equal([("First: the stairs.", 1L), ("Second: the door.", 3L)], messages.Select(m => (m.Text!, m.TurnSeq!.Value)));
        Assert.Equal([2L, 4L], all.Where(e => e.Kind == SessionEventKind.Turn).Select(e => e.TurnSeq!.Value));
        Assert.Equal("Guest", messages[1].AuthorName);
        // The queued sender's stream ran from the queued status through the answer to their message.
        Assert.Equal(4L, guestEvents[^1].TurnSeq);
        Assert.Equal(Enumerable.Range(1, all.Count).Select(i => (long)i), all.Select(e => e.Seq));
        var snapshot = await owner.InvokeAsync<SessionSnapshot>("StartSession", Lighthouse);
        Assert.Equal([1L, 2, 3, 4], snapshot.Turns.Select(t => t.Seq));
        Assert.NotNull(guestId);
    }

    [Fact]
    public async Task ThirdViewer_withoutTheCode_cannotJoinReadOrSend()
    {
        var (owner, session, _) = await SharedSessionAsync();
        await using var _ = owner;
        var (stranger, _) = await app.ConnectNewGuestAsync();
        await using var __ = stranger;

        async Task<string> Refused(Func<Task> call) => (await Assert.ThrowsAsync<HubException>(call)).Message;

        Assert.Contains("No room has this code", await Refused(() => stranger.InvokeAsync<SessionSnapshot>("JoinSession", "ABCDEFGHJK")), StringComparison.Ordinal);
        Assert.Contains("no such session", await Refused(() => ReadAllAsync(stranger.StreamAsync<SessionEvent>("Resume", session.SessionId, 0L))), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("no such session", await Refused(() => ReadAllAsync(stranger.StreamAsync<SessionEvent>("Send", session.SessionId, "Let me in.", Array.Empty<string>()))), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("no such session", await Refused(() => stranger.InvokeAsync<RoomShare>("ShareSession", session.SessionId)), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, (await owner.InvokeAsync<SessionSnapshot>("StartSession", Lighthouse)).LastEventSeq);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("0000000000")]
    [InlineData("<script>x</script>")]
    [InlineData("ABCDEFGHJKLMNPQRSTUVWXYZ")]
    public async Task JoinSession_malformedCode_isRefusedWithTheCodeFormat(string code)
    {
        var (guest, _) = await app.ConnectNewGuestAsync();
        await using var _ = guest;

        var message = (await Assert.ThrowsAsync<HubException>(() => guest.InvokeAsync<SessionSnapshot>("JoinSession", code))).Message;

        Assert.Contains("A room code is 10 letters and digits", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RemovedParticipant_stopsReceivingAndCannotComeBack()
    {
        var (owner, session, room) = await SharedSessionAsync();
        await using var _ = owner;
        var (guest, guestId) = await app.ConnectNewGuestAsync();
        await using var __ = guest;
        var joined = await guest.InvokeAsync<SessionSnapshot>("JoinSession", room.RoomCode);
        var following = FollowAsync(guest, session.SessionId, joined.LastEventSeq, _ => false);

        await owner.InvokeAsync("RemoveParticipant", session.SessionId, guestId);

        var ended = await Assert.ThrowsAsync<HubException>(() => following);
        Assert.Contains("no longer in this room", ended.Message, StringComparison.Ordinal);
        Assert.Contains("removed you", (await Assert.ThrowsAsync<HubException>(() => guest.InvokeAsync<SessionSnapshot>("JoinSession", room.RoomCode))).Message, StringComparison.Ordinal);
        // Coming back is refused with the reason, the same whether their stream was already open or not (the removal can
        // reach the session before the Resume started above does: then the Resume's check says it).
        Assert.Contains("no longer in this room", (await Assert.ThrowsAsync<HubException>(() => ReadAllAsync(guest.StreamAsync<SessionEvent>("Resume", session.SessionId, 0L)))).Message, StringComparison.Ordinal);
        Assert.Contains("no longer in this room", (await Assert.ThrowsAsync<HubException>(() => ReadAllAsync(guest.StreamAsync<SessionEvent>("Send", session.SessionId, "Let me back in.", Array.Empty<string>())))).Message, StringComparison.Ordinal);
        Assert.Contains("not in this room", (await Assert.ThrowsAsync<HubException>(() => owner.InvokeAsync("RemoveParticipant", session.SessionId, guestId))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClosedRoom_endsParticipantsStreamsAndRefusesJoins()
    {
        var (owner, session, room) = await SharedSessionAsync();
        await using var _ = owner;
        var (guest, guestId) = await app.ConnectNewGuestAsync();
        await using var __ = guest;
        var (late, _) = await app.ConnectNewGuestAsync();
        await using var ___ = late;
        var joined = await guest.InvokeAsync<SessionSnapshot>("JoinSession", room.RoomCode);
        var following = FollowAsync(guest, session.SessionId, joined.LastEventSeq, _ => false);

        Assert.Contains("Only the session's owner", (await Assert.ThrowsAsync<HubException>(() => guest.InvokeAsync("CloseRoom", session.SessionId))).Message, StringComparison.Ordinal);
        await owner.InvokeAsync("CloseRoom", session.SessionId);

        await Assert.ThrowsAsync<HubException>(() => following);
        Assert.Contains("closed", (await Assert.ThrowsAsync<HubException>(() => late.InvokeAsync<SessionSnapshot>("JoinSession", room.RoomCode))).Message, StringComparison.Ordinal);
        Assert.Contains("no open room", (await Assert.ThrowsAsync<HubException>(() => owner.InvokeAsync("CloseRoom", session.SessionId))).Message, StringComparison.Ordinal);
        Assert.Null((await owner.InvokeAsync<SessionSnapshot>("StartSession", Lighthouse)).RoomCode);
        Assert.NotNull(guestId);
    }
}
