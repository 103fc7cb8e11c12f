using System.Runtime.CompilerServices;
using FeedEngine.Engine.Abstractions.Sessions;

namespace FeedEngine.Engine.Sessions;

internal sealed partial class SessionGrain
{
    const int StoredTurnsPerRead = 20;

    public async IAsyncEnumerable<SessionEvent> ReadAsync(SessionRead read, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // The hub checks first (CheckReadAsync, SendAsync); a caller that did not has broken the contract.
        if (!IsParticipant(read.ViewerId)) throw new InvalidOperationException($"Viewer {read.ViewerId} does not take part in session {SessionId}.");
        if (read.AfterSeq < 0 || read.AfterSeq > log.LastSeq)
            throw new ArgumentOutOfRangeException(nameof(read), read.AfterSeq, $"Session {SessionId} has events 1 to {log.LastSeq}.");

        var next = read.AfterSeq;
        var picture = new PictureWatch();
        while (true)
        {
            // Someone removed from a co-play room (or a closed one) stops receiving at once.
            if (!IsParticipant(read.ViewerId)) yield break;

            // Older than memory: replay them from the turns that carried them (and the stored branch events).
            while (next + 1 < log.FirstInMemory)
            {
                var progressed = false;
                foreach (var stored in WithBranchEvents(await turnStore.ListFromEventAsync(SessionId, next, StoredTurnsPerRead, cancellationToken), next))
                {
                    if (stored.Seq <= next || stored.Seq >= log.FirstInMemory) continue;
                    yield return stored;
                    next = stored.Seq;
                    progressed = true;
                    picture.Note(stored, read, PictureDeadline());
                    if (picture.Delivers(stored) || (Ends(stored, read) && !picture.Awaiting)) yield break;
                }
                // Events lost with a crashed process were never stored: continue with what is in memory.
                if (!progressed) next = log.FirstInMemory - 1;
            }

            while (log.TryGet(next + 1, out var live))
            {
                yield return live;
                next = live.Seq;
                picture.Note(live, read, PictureDeadline());
                // A sponsored turn placed right after the reply belongs to the exchange, and so does the reply's picture.
                if (picture.Delivers(live) || (Ends(live, read) && !SponsoredFollows(next) && !picture.Awaiting)) yield break;
            }
            if (picture.Awaiting && !PictureStillComing(picture)) yield break;
            await WaitForEventOrPictureAsync(next, picture, cancellationToken);
        }
    }

    static bool Ends(SessionEvent item, SessionRead read) =>
        read.UntilTurnSeq is { } until && ((item.Kind == SessionEventKind.Turn && item.TurnSeq == until) || (item.Kind == SessionEventKind.Sponsored && item.TurnSeq == until + 1));
}
