using FeedEngine.Engine.Abstractions.Sessions;
using FeedEngine.Storage.Sessions;

namespace FeedEngine.Engine.Sessions;

/// <summary>
/// Everyone in a co-play room follows one path: when the owner branches, regenerates or switches branch, a numbered
/// <see cref="SessionEventKind.Branch"/> event tells the others (its branch id, and who), so they reload the snapshot.
/// It belongs to no turn: it is stored on the session document (<see cref="SessionDocument.BranchEvents"/>), written with
/// the switch together with the last event number that covers it, and a resume from storage replays it among the turns'
/// events (<see cref="WithBranchEvents"/>).
/// </summary>
internal sealed partial class SessionGrain
{
    void AnnounceBranch(string viewerId, string what)
    {
        var who = viewerId == session!.OwnerId ? "The owner" : "A participant";
        var announced = log.Append(new SessionEvent
        {
            Kind = SessionEventKind.Branch,
            BranchId = CurrentBranch,
            Text = $"{who} {what} ({CurrentBranch}). Reload the session to follow.",
        });
        session.BranchEvents.Add(new SessionBranchEvent { Seq = announced.Seq, BranchId = CurrentBranch, Text = announced.Text ?? "" });
        if (session.BranchEvents.Count > SessionBranchEvent.Kept) session.BranchEvents.RemoveRange(0, session.BranchEvents.Count - SessionBranchEvent.Kept);
        // No reply runs while branches change (CheckBranching), so everything so far is settled.
        log.MarkDurable();
        SessionLog.BranchSwitched(logger, SessionId, CurrentBranch, viewerId);
    }

    /// <summary>
    /// The events of a page of stored turns read after <paramref name="afterSeq"/>, with the stored branch events that fall
    /// among them (up to the page's last event, or all later ones when the page is the last), in number order.
    /// </summary>
    IEnumerable<SessionEvent> WithBranchEvents(IReadOnlyList<TurnDocument> page, long afterSeq)
    {
        var through = page.Count < StoredTurnsPerRead ? long.MaxValue : page[^1].LastEventSeq;
        var branchEvents = session!.BranchEvents
            .Where(b => b.Seq > afterSeq && b.Seq <= through)
            .Select(b => new SessionEvent { Seq = b.Seq, Kind = SessionEventKind.Branch, BranchId = b.BranchId, Text = b.Text });
        return page.SelectMany(turn => turn.Events.Select(record => SessionEvents.FromRecord(turn, record)))
            .Concat(branchEvents)
            .OrderBy(e => e.Seq);
    }
}
