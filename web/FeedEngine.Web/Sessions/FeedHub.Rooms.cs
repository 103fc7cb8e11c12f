using System.Security.Claims;
using FeedEngine.Engine.Abstractions.Sessions;
using FeedEngine.Storage.Sessions;
using Microsoft.AspNetCore.SignalR;

namespace FeedEngine.Web.Sessions;

/// <summary>Regenerate and branches, and co-play rooms (CONTRACTS.md, hub <c>/hubs/feed</c>).</summary>
public sealed partial class FeedHub
{
    /// <summary>A new answer to the last message: streams the new reply (on a new branch) through its turn event.</summary>
    public async Task<IAsyncEnumerable<SessionEvent>> Regenerate(string sessionId, long turnSeq)
    {
        var session = Session(sessionId);
        var viewerId = ViewerId;
        var receipt = Unwrap(await session.RegenerateAsync(viewerId, turnSeq));
        return Read(session, sessionId, new SessionRead { ViewerId = viewerId, AfterSeq = receipt.AfterSeq, UntilTurnSeq = receipt.ReplyTurnSeq });
    }

    /// <summary>A new branch that keeps the turns up to reply <paramref name="turnSeq"/> (0: from the greeting); the session continues on it.</summary>
    public async Task<SessionSnapshot> Branch(string sessionId, long turnSeq) =>
        await ForCallerAsync(Unwrap(await Session(sessionId).BranchAsync(ViewerId, turnSeq)));

    /// <summary>Makes another branch current: its turns and its state.</summary>
    public async Task<SessionSnapshot> SwitchBranch(string sessionId, string branchId)
    {
        var session = Session(sessionId);
        if (string.IsNullOrWhiteSpace(branchId) || branchId.Length > SessionLimits.MaxIdLength)
            throw new HubException("Name the branch: a branchId from the session's branches.");
        return await ForCallerAsync(Unwrap(await session.SwitchBranchAsync(ViewerId, branchId)));
    }

    /// <summary>Opens a co-play room on the session (owner only): others join with the code or the link.</summary>
    public async Task<RoomShare> ShareSession(string sessionId)
    {
        var code = Unwrap(await Session(sessionId).ShareAsync(ViewerId));
        var request = Context.GetHttpContext()?.Request;
        var origin = request is null ? "" : $"{request.Scheme}://{request.Host}";
        return new RoomShare { RoomCode = code, Url = $"{origin}/?room={code}" };
    }

    /// <summary>Joins the room with this code; follow it with <c>Resume(sessionId, lastEventSeq)</c>.</summary>
    public async Task<SessionSnapshot> JoinSession(string roomCode)
    {
        var code = (roomCode ?? "").Trim().ToUpperInvariant();
        if (code.Length != SessionLimits.RoomCodeLength || code.Any(c => !SessionLimits.RoomCodeAlphabet.Contains(c, StringComparison.Ordinal)))
            throw new HubException($"A room code is {SessionLimits.RoomCodeLength} letters and digits, as the person who shared the session gave it.");
        var shared = await sessions.FindByRoomCodeAsync(code, Context.ConnectionAborted)
            ?? throw new HubException("No room has this code. Check the code with the person who shared it.");
        return await ForCallerAsync(OnPost(Unwrap(await grains.GetGrain<ISessionGrain>(shared.Id).JoinAsync(ViewerId, code))));
    }

    /// <summary>The owner removes a participant; their streams end.</summary>
    public async Task RemoveParticipant(string sessionId, string viewerId)
    {
        var session = Session(sessionId);
        if (string.IsNullOrWhiteSpace(viewerId) || viewerId.Length > SessionLimits.MaxIdLength)
            throw new HubException("Name the participant to remove by their viewer id.");
        Unwrap(await session.RemoveParticipantAsync(ViewerId, viewerId));
    }

    /// <summary>The owner closes the room: everyone else leaves it and the code stops working.</summary>
    public async Task CloseRoom(string sessionId) => Unwrap(await Session(sessionId).CloseRoomAsync(ViewerId));

    string? DisplayName => Context.User?.FindFirstValue(Accounts.FeedClaims.Name);
}
