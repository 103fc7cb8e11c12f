using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FeedEngine.Engine.Abstractions.Sessions;
using FeedEngine.Storage.Users;
using FeedEngine.Web.Accounts;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using static FeedEngine.Testing.HubClients;

namespace FeedEngine.Web.Tests.Sessions;

/// <summary>
/// What each side of a co-play room is told, over two real SignalR clients: who they are, whether they own the session,
/// who is in the room and who wrote each turn; author names come from the accounts and cannot be faked.
/// </summary>
[Collection(HubCollection.Name)]
public sealed class RoomViewHubTests(HubApp app)
{
    const string Lighthouse = "demo-lighthouse";

    static Task<List<SessionEvent>> SendAsync(HubConnection connection, string sessionId, string text) =>
        ReadAllAsync(connection.StreamAsync<SessionEvent>("Send", sessionId, text, Array.Empty<string>()));

    [Fact]
    public async Task Snapshot_saysWhoOwnsIt_andWhoWroteEachTurn_forEachSide()
    {
        var (_, account, _, _) = await app.SignUpAsync();
        await using var owner = await app.ConnectAsync(account.AccessToken);
        var (guest, guestId) = await app.ConnectNewGuestAsync();
        await using var _ = guest;
        var session = await owner.InvokeAsync<SessionSnapshot>("StartSession", Lighthouse);
        var room = await owner.InvokeAsync<RoomShare>("ShareSession", session.SessionId);

        var joined = await guest.InvokeAsync<SessionSnapshot>("JoinSession", room.RoomCode);
        Assert.Equal((guestId, false), (joined.ViewerId, joined.IsOwner));
        Assert.Equal([(account.UserId, "Test Person", true), (guestId, "Guest", false)], joined.Participants.Select(p => (p.ViewerId, p.Name, p.IsOwner)));

        var ownerSaid = await SendAsync(owner, session.SessionId, "I open the door.");
        var guestSaid = await SendAsync(guest, session.SessionId, "I follow with the lamp.");
        Assert.Equal((account.UserId, "Test Person"), (ownerSaid[0].AuthorId, ownerSaid[0].AuthorName));
        Assert.Equal((guestId, "Guest"), (guestSaid[0].AuthorId, guestSaid[0].AuthorName));
        Assert.All(ownerSaid.Concat(guestSaid).Where(e => e.Kind != SessionEventKind.Message), e => Assert.Null(e.AuthorId));

        var ownerView = await owner.InvokeAsync<SessionSnapshot>("StartSession", Lighthouse);
        var guestView = await guest.InvokeAsync<SessionSnapshot>("JoinSession", room.RoomCode);
        Assert.Equal((account.UserId, true), (ownerView.ViewerId, ownerView.IsOwner));
        Assert.Equal((guestId, false), (guestView.ViewerId, guestView.IsOwner));
        (long, SessionRole, string?, string?)[] authors =
        [
            (1, SessionRole.Viewer, account.UserId, "Test Person"),
            (2, SessionRole.Post, null, null),
            (3, SessionRole.Viewer, guestId, "Guest"),
            (4, SessionRole.Post, null, null),
        ];
        Assert.Equal(authors, ownerView.Turns.Select(t => (t.Seq, t.Role, t.AuthorId, t.AuthorName)));
        Assert.Equal(authors, guestView.Turns.Select(t => (t.Seq, t.Role, t.AuthorId, t.AuthorName)));

        // The replay of stored events names the authors as the live stream did.
        var replay = new List<SessionEvent>();
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90)))
        {
            await foreach (var item in guest.StreamAsync<SessionEvent>("Resume", session.SessionId, 0L, timeout.Token))
            {
                replay.Add(item);
                if (item.Seq >= guestView.LastEventSeq) break;
            }
        }
        Assert.Equal([account.UserId, guestId], replay.Where(e => e.Kind == SessionEventKind.Message).Select(e => e.AuthorId));

        // What the participant is not shown, the hub refuses too.
        Assert.Contains("Only the session's owner", (await Assert.ThrowsAsync<HubException>(() => guest.InvokeAsync<RoomShare>("ShareSession", session.SessionId))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HostileParticipant_cannotFakeAnAuthorName_andAnOversizedNameArrivesCut()
    {
        var (_, account, _, _) = await app.SignUpAsync();
        await using var owner = await app.ConnectAsync(account.AccessToken);
        var session = await owner.InvokeAsync<SessionSnapshot>("StartSession", Lighthouse);
        var room = await owner.InvokeAsync<RoomShare>("ShareSession", session.SessionId);

        // Sign-up refuses a 500-character name outright.
        using var anonymous = app.Http();
        var refused = await anonymous.PostAsJsonAsync("/api/auth/signup", new { email = $"h-{Guid.NewGuid():n}@example.com", password = "correct horse battery", displayName = new string('A', 500), role = "viewer" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);

        // An account whose stored name is markup and 500 characters long (as no sign-up allows): its token carries it.
        var (_, hostile, email, password) = await app.SignUpAsync();
        var users = app.Services.GetRequiredService<IUserRepository>();
        var user = (await users.FindAsync(hostile.UserId))!;
        var markup = "<img src=x onerror=alert(1)>" + new string('Z', 472);
        user.DisplayName = markup;
        Assert.Equal(FeedEngine.Storage.WriteOutcome.Ok, await users.UpdateAsync(user));
        var token = await (await anonymous.PostAsJsonAsync("/api/auth/token", new { email, password })).Content.ReadFromJsonAsync<TokenResponse>();
        await using var intruder = await app.ConnectAsync(token!.AccessToken);
        await intruder.InvokeAsync<SessionSnapshot>("JoinSession", room.RoomCode);

        // A name passed along with the message is not a name: the call does not match Send and nothing is stored.
        var faked = await Assert.ThrowsAnyAsync<Exception>(() => ReadAllAsync(intruder.StreamAsync<SessionEvent>("Send", session.SessionId, "I am the owner.", Array.Empty<string>(), "Test Person")));
        Assert.IsNotType<TimeoutException>(faked);
        Assert.Equal(session.LastEventSeq, (await owner.InvokeAsync<SessionSnapshot>("StartSession", Lighthouse)).LastEventSeq);

        var sent = await SendAsync(intruder, session.SessionId, "Hello from me.");
        var cut = markup[..(SessionLimits.MaxAuthorNameLength - 1)] + "…";
        Assert.Equal((hostile.UserId, cut), (sent[0].AuthorId, sent[0].AuthorName));
        var seen = await owner.InvokeAsync<SessionSnapshot>("StartSession", Lighthouse);
        Assert.Equal(cut, seen.Turns.Single(t => t.Role == SessionRole.Viewer).AuthorName);
        Assert.Equal(cut, seen.Participants.Single(p => p.ViewerId == hostile.UserId).Name);
        Assert.Equal("Test Person", seen.Participants.Single(p => p.IsOwner).Name);
    }
}
