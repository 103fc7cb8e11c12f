using System.Security.Cryptography;
using FeedEngine.Engine.Abstractions.Sessions;

namespace FeedEngine.Engine.Sessions;

/// <summary>
/// Co-play rooms: the owner shares the session under a room code; participants read the same event log (so a lost
/// message is recovered by resume) and send into it. One reply is written at a time: a participant's message that
/// arrives meanwhile waits in order, announced by a <c>queued</c> status, and is taken when the reply ends.
/// Waiting messages live in memory only: a grain that moves or restarts drops them.
/// </summary>
internal sealed partial class SessionGrain
{
    readonly Queue<(ViewerMessage Message, SendReceipt Receipt)> waiting = new();

    bool RoomOpen => session is { RoomCode: not null, RoomClosed: false };

    public async Task<SessionOutcome<string>> ShareAsync(string ownerId)
    {
        if (!IsParticipant(ownerId)) return NotParticipant<string>(ownerId);
        if (session!.OwnerId != ownerId) return Invalid<string>("Only the session's owner can share it.");
        if (RoomOpen) return SessionOutcome<string>.Ok(session.RoomCode!);
        string code;
        do code = RandomNumberGenerator.GetString(SessionLimits.RoomCodeAlphabet, SessionLimits.RoomCodeLength);
        while (await sessions.FindByRoomCodeAsync(code) is not null);
        session.RoomCode = code;
        session.RoomClosed = false;
        await SaveSessionAsync();
        SessionLog.Room(logger, SessionId, "opened", ownerId);
        return SessionOutcome<string>.Ok(code);
    }

    public async Task<SessionOutcome<SessionSnapshot>> JoinAsync(string viewerId, string roomCode)
    {
        if (session is null || session.RoomCode != roomCode) return NoRoom<SessionSnapshot>();
        if (session.RoomClosed)
            return SessionOutcome<SessionSnapshot>.Rejected(SessionRejectionReason.NotFound, "This room has been closed by its owner. Ask them to share the session again.");
        if (IsParticipant(viewerId)) return SessionOutcome<SessionSnapshot>.Ok(Snapshot());
        if (session.RemovedIds.Contains(viewerId, StringComparer.Ordinal))
            return SessionOutcome<SessionSnapshot>.Rejected(SessionRejectionReason.NotFound, "The owner removed you from this room, so its code no longer lets you in.");
        if (session.Participants.Count >= SessionLimits.MaxParticipants)
            return Invalid<SessionSnapshot>($"This room is full ({SessionLimits.MaxParticipants} people). Try again when someone leaves.");
        session.Participants.Add(viewerId);
        await SaveSessionAsync();
        SessionLog.Room(logger, SessionId, "joined", viewerId);
        return SessionOutcome<SessionSnapshot>.Ok(Snapshot());
    }

    public async Task<SessionOutcome<bool>> RemoveParticipantAsync(string ownerId, string viewerId)
    {
        if (!IsParticipant(ownerId)) return NotParticipant<bool>(ownerId);
        if (session!.OwnerId != ownerId) return Invalid<bool>("Only the session's owner can remove participants.");
        if (viewerId == ownerId) return Invalid<bool>("You own this session; close the room instead of removing yourself.");
        if (!IsParticipant(viewerId)) return Invalid<bool>($"'{viewerId}' is not in this room. The snapshot's turns name who wrote each message.");
        session.Participants.Remove(viewerId);
        session.RemovedIds.Add(viewerId);
        await SaveSessionAsync();
        MembershipChanged();
        SessionLog.Room(logger, SessionId, "participant removed", viewerId);
        return SessionOutcome<bool>.Ok(true);
    }

    public async Task<SessionOutcome<bool>> CloseRoomAsync(string ownerId)
    {
        if (!IsParticipant(ownerId)) return NotParticipant<bool>(ownerId);
        if (session!.OwnerId != ownerId) return Invalid<bool>("Only the session's owner can close its room.");
        if (!RoomOpen) return Invalid<bool>("This session has no open room. Share it first.");
        session.RoomClosed = true;
        session.Participants.RemoveAll(p => p != ownerId);
        await SaveSessionAsync();
        MembershipChanged();
        SessionLog.Room(logger, SessionId, "closed", ownerId);
        return SessionOutcome<bool>.Ok(true);
    }

    /// <summary>Who takes part, the owner first, then in the order they joined (ids only: the hub adds names from the accounts).</summary>
    RoomParticipant[] People() =>
        [.. session!.Participants.Select(id => new RoomParticipant { ViewerId = id, IsOwner = id == session.OwnerId }).OrderByDescending(p => p.IsOwner)];

    static SessionOutcome<T> NoRoom<T>() => SessionOutcome<T>.Rejected(SessionRejectionReason.NotFound,
        "No room has this code. Check the code with the person who shared it.");

    /// <summary>The room's membership changed: the waiting readers look again (one no longer in the room stops).</summary>
    void MembershipChanged() => log.Wake();

    /// <summary>Waits for an event after <paramref name="seq"/>, or for the room's membership to change (<see cref="MembershipChanged"/>).</summary>
    Task WaitForEventOrMembershipAsync(long seq, CancellationToken cancellationToken) => log.WaitAfterAsync(seq, cancellationToken);

    /// <summary>
    /// A message from a room participant while another reply is written: it waits its turn. Its turn numbers are the
    /// next free ones after the reply and the messages already waiting; a <c>queued</c> status goes out with the reply.
    /// </summary>
    async Task<SessionOutcome<SendReceipt>> QueueAsync(ReplyRun run, ViewerMessage message)
    {
        if (waiting.Count >= SessionLimits.MaxQueuedMessages)
            return SessionOutcome<SendReceipt>.Rejected(SessionRejectionReason.ReplyInProgress,
                $"{SessionLimits.MaxQueuedMessages} messages are already waiting for their turn. Wait for a reply, then send yours.");
        if (waiting.Any(w => w.Message.MessageId == message.MessageId || (w.Message.ViewerId == message.ViewerId && w.Message.Text == message.Text)))
            return SessionOutcome<SendReceipt>.Ok(waiting.First(w => w.Message.MessageId == message.MessageId || (w.Message.ViewerId == message.ViewerId && w.Message.Text == message.Text)).Receipt with { Repeated = true });
        if (await CheckImagesAsync(message) is { } refused) return refused;
        var permit = await GrainFactory.GetGrain<IViewerGrain>(message.ViewerId).AcquireSendAsync();
        if (!permit.Granted)
            return SessionOutcome<SendReceipt>.Rejected(SessionRejectionReason.RateLimited,
                $"You are sending messages faster than {Options.SendsPerMinute} a minute. Try again in {permit.RetryAfterSeconds} s.", permit.RetryAfterSeconds);

        var messageSeq = run.ReplyTurnSeq + 1 + 2 * waiting.Count;
        var who = string.IsNullOrWhiteSpace(message.AuthorName) ? "A participant" : message.AuthorName;
        var queued = log.Append(new SessionEvent
        {
            Kind = SessionEventKind.Status,
            AuthorName = message.AuthorName,
            Status = new SessionStatus { Code = SessionStatusCode.Queued, Message = $"{who}'s message waits for the reply being written; it goes next in line ({waiting.Count + 1})." },
        });
        run.Events.Add(LoggedEvent.Of(queued));
        var receipt = Remember(message.MessageId, new SendReceipt { AfterSeq = queued.Seq - 1, MessageTurnSeq = messageSeq, ReplyTurnSeq = messageSeq + 1 });
        waiting.Enqueue((message, receipt));
        return SessionOutcome<SendReceipt>.Ok(receipt);
    }

    /// <summary>
    /// After a reply is stored: the next waiting message is stored and answered (also when its sender has left since:
    /// it was sent while they took part, and the turn numbers promised to the later ones depend on it).
    /// </summary>
    async Task TakeNextWaitingAsync()
    {
        if (running is null && waiting.TryDequeue(out var next)) await AcceptAsync(next.Message, next.Receipt);
    }
}
