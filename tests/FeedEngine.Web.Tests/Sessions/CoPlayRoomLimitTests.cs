using FeedEngine.Engine.Abstractions.Sessions;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace FeedEngine.Web.Tests.Sessions;

/// <summary>Co-play rooms: the participant limit, and branch changes told to everyone in the room.</summary>
[Collection(HubCollection.Name)]
public sealed class CoPlayRoomLimitTests(HubApp app)
{
    const string Lighthouse = "demo-lighthouse";

    [Fact]
    public async Task JoinSession_fullRoom_isRefusedClearly_andChangesNothing_untilSomeoneLeaves()
    {
        await using var owner = await app.ConnectAsync(await app.GuestTokenAsync());
        var session = await owner.InvokeAsync<SessionSnapshot>("StartSession", Lighthouse);
        var room = await owner.InvokeAsync<RoomShare>("ShareSession", session.SessionId);
        var guests = new List<(HubConnection Connection, string ViewerId)>();
        try
        {
            for (var i = 1; i < SessionLimits.MaxParticipants; i++)
            {
                var guest = await app.ConnectNewGuestAsync();
                guests.Add(guest);
                await guest.Connection.InvokeAsync<SessionSnapshot>("JoinSession", room.RoomCode);
            }
            var (late, _) = await app.ConnectNewGuestAsync();
            await using var _ = late;
            var before = await owner.InvokeAsync<SessionSnapshot>("StartSession", Lighthouse);

            var refused = await Assert.ThrowsAsync<HubException>(() => late.InvokeAsync<SessionSnapshot>("JoinSession", room.RoomCode));

            Assert.Contains($"This room is full ({SessionLimits.MaxParticipants} people)", refused.Message, StringComparison.Ordinal);
            await Assert.ThrowsAsync<HubException>(() => HubClients.ReadAllAsync(late.StreamAsync<SessionEvent>("Resume", session.SessionId, 0L)));
            var after = await owner.InvokeAsync<SessionSnapshot>("StartSession", Lighthouse);
            Assert.Equal((before.LastEventSeq, before.RoomCode, before.Turns.Length), (after.LastEventSeq, after.RoomCode, after.Turns.Length));

            // A place frees up when the owner removes someone: then the late viewer gets in.
            await owner.InvokeAsync("RemoveParticipant", session.SessionId, guests[0].ViewerId);
            Assert.Equal(session.SessionId, (await late.InvokeAsync<SessionSnapshot>("JoinSession", room.RoomCode)).SessionId);
        }
        finally
        {
            foreach (var (connection, _) in guests) await connection.DisposeAsync();
        }
    }

    [Fact]
    public async Task OwnerBranchesAndSwitchesBack_participantsAreToldEachTime()
    {
        await using var owner = await app.ConnectAsync(await app.GuestTokenAsync());
        var session = await owner.InvokeAsync<SessionSnapshot>("StartSession", Lighthouse);
        var room = await owner.InvokeAsync<RoomShare>("ShareSession", session.SessionId);
        var (guest, _) = await app.ConnectNewGuestAsync();
        await using var _ = guest;
        var joined = await guest.InvokeAsync<SessionSnapshot>("JoinSession", room.RoomCode);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var told = new List<SessionEvent>();
        var following = Task.Run(async () =>
        {
            await foreach (var item in guest.StreamAsync<SessionEvent>("Resume", session.SessionId, joined.LastEventSeq, timeout.Token))
            {
                told.Add(item);
                if (told.Count(e => e.Kind == SessionEventKind.Branch) == 2) break;
            }
        });

        var branched = await owner.InvokeAsync<SessionSnapshot>("Branch", session.SessionId, 0L);
        var back = await owner.InvokeAsync<SessionSnapshot>("SwitchBranch", session.SessionId, "main");
        await following;

        var branchEvents = told.Where(e => e.Kind == SessionEventKind.Branch).ToList();
        Assert.Equal([branched.BranchId, "main"], branchEvents.Select(e => e.BranchId));
        Assert.All(branchEvents, e => Assert.Contains("Reload the session", e.Text, StringComparison.Ordinal));
        Assert.Equal(branchEvents.Select(e => e.Seq).Order(), branchEvents.Select(e => e.Seq));
        Assert.Equal(back.LastEventSeq, branchEvents[^1].Seq);
        Assert.Equal("main", (await guest.InvokeAsync<SessionSnapshot>("JoinSession", room.RoomCode)).BranchId);
        // A switch to the branch already current is no change: nobody is told.
        Assert.Equal(back.LastEventSeq, (await owner.InvokeAsync<SessionSnapshot>("SwitchBranch", session.SessionId, "main")).LastEventSeq);
    }
}
