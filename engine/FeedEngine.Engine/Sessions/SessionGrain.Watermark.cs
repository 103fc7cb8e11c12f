using FeedEngine.Engine.Abstractions.Sessions;

namespace FeedEngine.Engine.Sessions;

/// <summary>
/// A reply's events reach viewers before its turn is stored. So that a crash never makes the next activation reuse a
/// number a viewer already saw, event numbers are reserved in blocks in the session document
/// (<see cref="Storage.Sessions.SessionDocument.ReservedEventSeq"/>): the first block with the session itself, the
/// next one in the background when half is used, and a reply waits for its write only when it has outrun it. After a
/// crash (a message without its reply) the next activation numbers its events past the reservation. One write per
/// <see cref="SeqBlock"/> events, none per token.
/// </summary>
internal sealed partial class SessionGrain
{
    internal const int SeqBlock = 1024;

    /// <summary>Events a reply may append between two checks (a frame, then its end: state, status, error, turn, queued ones).</summary>
    const int SeqHeadroom = 64;

    /// <summary>The reservation known to be stored; null until first needed (then read from the loaded document).</summary>
    long? reservedSeq;

    /// <summary>The reservation the session document should carry on its next write.</summary>
    long reservingSeq;

    Task<bool>? reserving;

    /// <summary>Before a reply appends more events: makes sure their numbers are reserved, topping up in the background.</summary>
    async ValueTask EnsureSeqsReservedAsync()
    {
        reservedSeq ??= session!.ReservedEventSeq;
        if (reservedSeq - log.LastSeq < SeqBlock / 2 && reserving is not { IsCompleted: false }) reserving = ReserveAsync(log.LastSeq + SeqBlock);
        if (log.LastSeq + SeqHeadroom > reservedSeq && reserving is { } pending && !await pending)
            SessionLog.ReservationFailed(logger, SessionId, log.LastSeq);
    }

    async Task<bool> ReserveAsync(long through)
    {
        reservingSeq = Math.Max(reservingSeq, through);
        for (var attempt = 1; attempt <= StoreRetry.Attempts; attempt++)
        {
            var write = WriteSessionAsync(sessionWrites);
            sessionWrites = write;
            if (await write)
            {
                reservedSeq = Math.Max(reservedSeq ?? 0, through);
                return true;
            }
            if (attempt < StoreRetry.Attempts) await Task.Delay(StoreRetry.DelayAfter(attempt), time);
        }
        return false;
    }

    /// <summary>At activation after a crash: the dead activation may have streamed events up to its reservation.</summary>
    void SkipStreamedSeqs()
    {
        if (session!.ReservedEventSeq > log.LastSeq) log = new EventLog(session.ReservedEventSeq);
    }

    static SessionEvent SavingStatus() => new()
    {
        Kind = SessionEventKind.Status,
        Status = new SessionStatus { Code = SessionStatusCode.Saving, Message = "Storage is unavailable for a moment: saving this reply, retrying…" },
    };

    static SessionEvent SavedStatus(long seq) => new()
    {
        Seq = seq,
        Kind = SessionEventKind.Status,
        Status = new SessionStatus { Code = SessionStatusCode.Saved, Message = "Saved." },
    };
}
