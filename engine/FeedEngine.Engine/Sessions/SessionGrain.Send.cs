using FeedEngine.Engine.Abstractions.Sessions;
using FeedEngine.Storage;
using FeedEngine.Storage.Sessions;

namespace FeedEngine.Engine.Sessions;

internal sealed partial class SessionGrain
{
    const int ReceiptsKept = 64;

    public async Task<SessionOutcome<SendReceipt>> SendAsync(ViewerMessage message)
    {
        if (!IsParticipant(message.ViewerId)) return NotParticipant<SendReceipt>(message.ViewerId);
        if (CheckMessage(message) is { } invalid) return SessionOutcome<SendReceipt>.Rejected(SessionRejectionReason.InvalidInput, invalid);

        // A retry of a message already received answers with the first receipt and starts nothing.
        if (receipts.TryGetValue(message.MessageId, out var known)) return SessionOutcome<SendReceipt>.Ok(known with { Repeated = true });
        if (running is { } run)
        {
            if (run.Message.ViewerId == message.ViewerId && run.Message.Text == message.Text) return SessionOutcome<SendReceipt>.Ok(run.Receipt with { Repeated = true });
            if (RoomOpen && programAvailable) return await QueueAsync(run, message);
            return SessionOutcome<SendReceipt>.Rejected(SessionRejectionReason.ReplyInProgress,
                "A reply is still being written. Wait for it to finish, or cancel it, then send your message.");
        }
        if (await turnStore.FindByIdempotencyKeyAsync(MessageKey(message.MessageId)) is { } stored && stored.SessionId == SessionId)
            return SessionOutcome<SendReceipt>.Ok(Remember(message.MessageId, ReceiptFor(stored)) with { Repeated = true });
        await RefreshPreviewProgramAsync();
        if (!programAvailable)
            return SessionOutcome<SendReceipt>.Rejected(SessionRejectionReason.NotFound, "This post is no longer available, so it cannot reply.");
        if (await CheckImagesAsync(message) is { } foreign) return foreign;
        if (await CheckBrandAsync(message) is { } ended) return ended;

        var permit = await GrainFactory.GetGrain<IViewerGrain>(message.ViewerId).AcquireSendAsync();
        if (!permit.Granted)
            return SessionOutcome<SendReceipt>.Rejected(SessionRejectionReason.RateLimited,
                $"You are sending messages faster than {Options.SendsPerMinute} a minute. Try again in {permit.RetryAfterSeconds} s.", permit.RetryAfterSeconds);

        if (await CheckQuotaAsync(message) is { } quotaRefusal) return quotaRefusal;

        var receipt = await AcceptAsync(message, null);
        return SessionOutcome<SendReceipt>.Ok(receipt);
    }

    async Task<SessionOutcome<SendReceipt>?> CheckImagesAsync(ViewerMessage message)
    {
        foreach (var imageId in message.ImageIds)
        {
            if (await images.FindAsync(imageId) is not { } image || image.OwnerId != message.ViewerId)
                return SessionOutcome<SendReceipt>.Rejected(SessionRejectionReason.InvalidInput,
                    $"Image '{imageId}' is not one of your uploads. Upload it with POST /api/images, then attach the imageId it returns.");
        }
        return null;
    }

    /// <summary>Stores the message as the next turn and starts its reply (a waiting message keeps the receipt it was given).</summary>
    async Task<SendReceipt> AcceptAsync(ViewerMessage message, SendReceipt? promised)
    {
        var turnSeq = lastTurnSeq + 1;
        var messageEvent = new SessionEvent
        {
            Seq = log.NextSeq, Kind = SessionEventKind.Message, Text = message.Text, TurnSeq = turnSeq, Role = SessionRole.Viewer,
            BranchId = CurrentBranch, AuthorName = message.AuthorName, AuthorId = message.ViewerId,
        };
        var turn = new TurnDocument
        {
            SessionId = SessionId,
            Seq = turnSeq,
            Role = TurnRole.Viewer,
            AuthorId = message.ViewerId,
            AuthorName = message.AuthorName,
            BranchId = CurrentBranch,
            Text = message.Text,
            ImageIds = [.. message.ImageIds],
            Status = TurnStatus.Complete,
            FirstEventSeq = messageEvent.Seq,
            LastEventSeq = messageEvent.Seq,
            Events = [SessionEvents.ToRecord(messageEvent)],
            IdempotencyKey = MessageKey(message.MessageId),
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        var outcome = await turnStore.AppendAsync(turn);
        if (outcome != WriteOutcome.Ok || log.NextSeq != messageEvent.Seq)
            throw new InvalidOperationException($"Turn {turnSeq} of session {SessionId} could not be stored ({outcome}): another writer is active.");

        log.Append(messageEvent);
        log.MarkDurable();
        AddTurn(turn);
        var receipt = promised ?? Remember(message.MessageId, new SendReceipt { AfterSeq = messageEvent.Seq - 1, MessageTurnSeq = turnSeq, ReplyTurnSeq = turnSeq + 1 });
        StartReply(message, receipt with { MessageTurnSeq = turnSeq, ReplyTurnSeq = turnSeq + 1 });
        NoteTalk(message);
        return receipt;
    }

    static string? CheckMessage(ViewerMessage message)
    {
        if (string.IsNullOrWhiteSpace(message.Text) || message.Text.Length > SessionLimits.MaxMessageLength)
            return $"A message needs 1 to {SessionLimits.MaxMessageLength} characters.";
        if (message.ImageIds.Length > SessionLimits.MaxImagesPerMessage)
            return $"A message carries at most {SessionLimits.MaxImagesPerMessage} images.";
        if (message.ImageIds.Any(id => string.IsNullOrWhiteSpace(id) || id.Length > SessionLimits.MaxIdLength))
            return "An image id is the imageId that POST /api/images returned; this one is empty or too long.";
        if (string.IsNullOrWhiteSpace(message.MessageId) || message.MessageId.Length > SessionLimits.MaxIdLength)
            return "A message needs an id of 1 to 100 characters.";
        return null;
    }

    string MessageKey(string messageId) => $"{SessionId}:{messageId}:message";

    string ReplyKey(string messageId) => $"{SessionId}:{messageId}:reply";

    SendReceipt Remember(string messageId, SendReceipt receipt)
    {
        if (receipts.TryAdd(messageId, receipt))
        {
            receiptOrder.Enqueue(messageId);
            while (receiptOrder.Count > ReceiptsKept) receipts.Remove(receiptOrder.Dequeue());
        }
        return receipt;
    }

    static SendReceipt ReceiptFor(TurnDocument message) =>
        new() { AfterSeq = message.FirstEventSeq - 1, MessageTurnSeq = message.Seq, ReplyTurnSeq = message.Seq + 1 };

    void AddTurn(TurnDocument turn)
    {
        turns.Add(WithoutTokenEvents(turn));
        lastTurnSeq = Math.Max(lastTurnSeq, turn.Seq);
        if (turns.Count > Options.TurnsInMemory) turns.RemoveRange(0, turns.Count - Options.TurnsInMemory);
    }

    /// <summary>
    /// The turn as the grain keeps it in memory: its text and its other events, without its token events. Those are read
    /// back from storage (a resume from before the event log), never from memory, and keeping them held a reply's
    /// hundred or so frame records alive for as long as the turn stayed among the recent ones.
    /// </summary>
    static TurnDocument WithoutTokenEvents(TurnDocument turn)
    {
        if (turn.Events.Exists(e => e.Kind == TurnEventKind.Token)) turn.Events = turn.Events.FindAll(e => e.Kind != TurnEventKind.Token);
        return turn;
    }
}
