using FeedEngine.Storage;
using FeedEngine.Storage.Sessions;

namespace FeedEngine.Engine.Sessions;

/// <summary>
/// A reply's write that landed while its answer was lost: the retry comes back a duplicate, and the stored turn is the
/// first attempt's, without the <c>saving</c>/<c>saved</c> statuses sent while the write was retried and with its turn
/// event on the number the <c>saving</c> status took. The stored events are set to what was sent, so a resume from
/// storage replays exactly that.
/// </summary>
internal sealed partial class SessionGrain
{
    async Task MatchRetriedTurnAsync(TurnDocument sent)
    {
        var stored = await StoreRetry.RunAsync(() => turnStore.FindByIdempotencyKeyAsync(sent.IdempotencyKey), time,
            (e, attempt) => SessionLog.StoreRetry(logger, e, SessionId, sent.Seq, attempt));
        // Only this reply's own earlier attempt is corrected: same session, number and text.
        if (stored is null || stored.SessionId != SessionId || stored.Seq != sent.Seq || stored.Text != sent.Text) return;
        if (stored.LastEventSeq == sent.LastEventSeq && stored.Events.Count == sent.Events.Count) return;
        var outcome = await StoreRetry.RunAsync(() => turnStore.ReplaceEventsAsync(sent), time,
            (e, attempt) => SessionLog.StoreRetry(logger, e, SessionId, sent.Seq, attempt));
        SessionLog.RetriedTurnEventsMatched(logger, SessionId, sent.Seq, stored.LastEventSeq, sent.LastEventSeq, outcome.ToString());
    }
}
