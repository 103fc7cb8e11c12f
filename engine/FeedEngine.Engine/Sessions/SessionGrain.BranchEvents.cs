using FeedEngine.Engine.Abstractions.Sessions;

namespace FeedEngine.Engine.Sessions;

/// <summary>
/// Everyone in a co-play room follows one path: when the owner branches, regenerates or switches branch, a numbered
/// <see cref="SessionEventKind.Branch"/> event tells the others (its branch id, and who), so they reload the snapshot.
/// It belongs to no turn: the session document's last event number covers it (written with the switch), so numbers
/// never repeat; a resume from storage passes over it, and the snapshot shows the branch.
/// </summary>
internal sealed partial class SessionGrain
{
    void AnnounceBranch(string viewerId, string what)
    {
        var who = viewerId == session!.OwnerId ? "The owner" : "A participant";
        log.Append(new SessionEvent
        {
            Kind = SessionEventKind.Branch,
            BranchId = CurrentBranch,
            Text = $"{who} {what} ({CurrentBranch}). Reload the session to follow.",
        });
        // No reply runs while branches change (CheckBranching), so everything so far is settled.
        log.MarkDurable();
        SessionLog.BranchSwitched(logger, SessionId, CurrentBranch, viewerId);
    }
}
