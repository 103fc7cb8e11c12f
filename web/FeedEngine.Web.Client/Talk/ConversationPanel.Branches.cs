using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace FeedEngine.Web.Client.Talk;

/// <summary>
/// Regenerate, branches and sharing in the conversation panel (kept apart from the panel's sending and streaming):
/// a new answer to the last message streams in place of the old one; "Branch from here" and the branch switcher load
/// the snapshot the hub answers; Share opens a co-play room and offers its link.
/// </summary>
public partial class ConversationPanel
{
    [Inject] IJSRuntime JS { get; set; } = default!;

    RoomShareView? share;
    string? shareNote;

    IReadOnlyList<SessionBranchView> Branches => snapshot?.Branches ?? [];

    string CurrentBranch => snapshot?.BranchId ?? "main";

    /// <summary>The reply that Regenerate may replace: the last turn, a finished reply to a message.</summary>
    long RegenerableSeq =>
        Owns && turns.Count >= 2 && turns[^1] is { Role: "post", Seq: > 0, Status: not "inProgress" } last && turns[^2].Role == "viewer" ? last.Seq : 0;

    /// <summary>Earlier finished replies a new branch can start from.</summary>
    bool CanBranchFrom(TurnView turn) =>
        Owns && turn is { Role: "post", Seq: > 0, Status: not "inProgress" } && !ReferenceEquals(turn, turns[^1]);

    async Task RegenerateAsync(long turnSeq)
    {
        if (!CanSend || sessionId is null || turnSeq != RegenerableSeq) return;
        error = null;
        status = null;
        var replaced = turns[^1];
        turns.RemoveAt(turns.Count - 1);
        await FollowAsync(() => Hub.Regenerate(sessionId, turnSeq, lifetime.Token));
        if (turns.Count == 0 || turns[^1].Role != "post") turns.Add(replaced); // refused: the old answer stays
        await RefreshBranchesAsync();
    }

    async Task BranchFromAsync(long turnSeq)
    {
        if (!CanSend || sessionId is null) return;
        await LoadAsync(() => Hub.BranchAsync(sessionId, turnSeq, lifetime.Token));
    }

    async Task SwitchBranchAsync(string branchId)
    {
        if (!CanSend || sessionId is null || branchId == CurrentBranch) return;
        await LoadAsync(() => Hub.SwitchBranchAsync(sessionId, branchId, lifetime.Token));
    }

    async Task LoadAsync(Func<Task<SessionSnapshotView>> call)
    {
        error = null;
        status = null;
        try
        {
            Show(await call());
            await RememberAsync();
        }
        catch (ConversationException e)
        {
            error = e.Message;
        }
        StateHasChanged();
    }

    /// <summary>Shows a snapshot's branch: its turns, state and suggestions.</summary>
    void Show(SessionSnapshotView view)
    {
        snapshot = view;
        sessionId = view.SessionId;
        state = view.State;
        suggestions = [.. view.SuggestedReplies];
        turns.Clear();
        turns.AddRange(view.Turns.Select(TurnView.From));
        lastSeq = Math.Max(lastSeq, view.LastEventSeq);
        Meet(view);
    }

    /// <summary>After a regenerate the session has a new branch; the snapshot lists it.</summary>
    async Task RefreshBranchesAsync()
    {
        if (lifetime.IsCancellationRequested) return;
        try
        {
            var fresh = await OpenSessionAsync();
            if (snapshot is not null && fresh.SessionId == snapshot.SessionId)
                snapshot = snapshot with { BranchId = fresh.BranchId, Branches = fresh.Branches };
        }
        catch (ConversationException)
        {
            // The answer is shown; the branch list catches up the next time the conversation opens.
        }
        StateHasChanged();
    }

    async Task ShareAsync()
    {
        if (sessionId is null) return;
        try
        {
            share = await Hub.ShareSessionAsync(sessionId, lifetime.Token);
            shareNote = "Anyone with this link can join the conversation.";
            error = null;
            _ = FollowRoomAsync(); // the owner sees the others' messages as they come
        }
        catch (ConversationException e)
        {
            error = e.Message;
        }
    }

    async Task CopyShareAsync()
    {
        if (share is null) return;
        try
        {
            await JS.InvokeVoidAsync("navigator.clipboard.writeText", share.Url);
            shareNote = "Link copied.";
        }
        catch (JSException)
        {
            shareNote = "Copying was not allowed here; select the link and copy it.";
        }
    }
}
