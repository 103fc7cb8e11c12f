namespace FeedEngine.Web.Client.Talk;

/// <summary>
/// Co-play rooms in the conversation panel. A room link (<c>/?room=CODE</c>) opens the panel with <see cref="RoomCode"/>:
/// it joins with <c>JoinSession</c> instead of starting the viewer's own session. In a room (joined, or shared by its
/// owner) the panel keeps one live <c>Resume</c> stream open, so everyone's messages and the replies to them appear as
/// they happen; the panel's own Send streams and this one show each event once (by its number).
/// Each viewer turn carries its author's viewer id: one's own turns are unlabelled, the others' show their author's name
/// (<see cref="RoomNames"/>). Only the owner gets Share, Regenerate, Branch and the branch switcher; the owner also gets
/// Remove per person and Close room. The engine has no "leave": a participant stops following by closing the panel.
/// </summary>
public partial class ConversationPanel
{
    bool followingRoom;
    readonly RoomNames names = new();
    readonly List<RoomParticipantView> people = [];
    string? roomNote;

    /// <summary>Whether the viewer owns the session (the snapshot says so): the owner-only controls show only then.</summary>
    bool Owns => snapshot?.IsOwner == true;

    /// <summary>The viewer's own turn or message, by viewer id (one without an author id is the viewer's own).</summary>
    bool IsMine(string? authorId) => authorId is null || snapshot is null || authorId == snapshot.ViewerId;

    /// <summary>The name shown on another participant's turn; null for the viewer's own turns and for replies.</summary>
    string? AuthorLabel(TurnView turn) => turn.Role == "viewer" && !IsMine(turn.AuthorId) ? names.LabelOf(turn.AuthorId!, turn.AuthorName) : null;

    string PersonLabel(RoomParticipantView person) => names.LabelOf(person.ViewerId, person.Name);

    /// <summary>The room's people and the names of everyone who wrote a turn, as a fresh snapshot lists them.</summary>
    void Meet(SessionSnapshotView view)
    {
        names.Clear();
        people.Clear();
        people.AddRange(view.Participants);
        foreach (var person in view.Participants) names.LabelOf(person.ViewerId, person.Name);
        foreach (var turn in view.Turns)
            if (turn is { Role: "viewer", AuthorId: { } id }) names.LabelOf(id, turn.AuthorName);
    }

    /// <summary>A live message: its turn, with its author; someone who joined after the snapshot joins the list.</summary>
    TurnView FromMessage(SessionEventView item)
    {
        if (item.AuthorId is { } id && !people.Any(p => p.ViewerId == id))
        {
            people.Add(new RoomParticipantView { ViewerId = id, Name = item.AuthorName ?? "" });
            names.LabelOf(id, item.AuthorName);
        }
        return new TurnView
        {
            Seq = item.TurnSeq ?? 0, Role = item.Role ?? "viewer", Text = item.Text ?? "", Status = "complete", Sponsored = item.Sponsored,
            AuthorId = item.AuthorId, AuthorName = item.AuthorName,
        };
    }

    /// <summary>Whether this conversation is a co-play room (joined by code, or shared by this viewer).</summary>
    bool InRoom => RoomCode is not null || share is not null || snapshot?.RoomCode is not null;

    Task<SessionSnapshotView> OpenSessionAsync() =>
        RoomCode is { } code ? Hub.JoinSessionAsync(code, lifetime.Token) : Hub.StartSessionAsync(PostId, lifetime.Token);

    /// <summary>Follows the room's events until the panel closes, the room ends for this viewer, or the connection is gone for good.</summary>
    async Task FollowRoomAsync()
    {
        if (followingRoom || sessionId is null || !InRoom) return;
        followingRoom = true;
        try
        {
            while (!lifetime.IsCancellationRequested)
            {
                try
                {
                    await foreach (var item in Hub.Resume(sessionId, lastSeq, lifetime.Token))
                    {
                        if (item.Seq > 0 && item.Seq <= lastSeq) continue;
                        // The owner moved the room to another branch: a participant reloads the room to follow it.
                        if (item.Kind == "branch" && !Owns && RoomCode is not null)
                        {
                            lastSeq = Math.Max(lastSeq, item.Seq);
                            await ReloadRoomAsync(RoomCode);
                            continue;
                        }
                        Apply(item);
                        if (item.Seq > lastSeq) lastSeq = item.Seq;
                        await RememberAsync();
                        StateHasChanged();
                    }
                    return; // the server ended it: the room closed for this viewer
                }
                catch (ConversationException e)
                {
                    error = e.Message;
                    StateHasChanged();
                    return;
                }
                catch (Exception e) when (!lifetime.IsCancellationRequested && e is not OperationCanceledException)
                {
                    // Dropped: follow again from the last event shown once the connection is back.
                }
                if (!await ConnectedAgainAsync()) return;
            }
        }
        catch (OperationCanceledException) when (lifetime.IsCancellationRequested)
        {
        }
        finally
        {
            followingRoom = false;
        }
    }

    async Task ReloadRoomAsync(string code)
    {
        try
        {
            Show(await Hub.JoinSessionAsync(code, lifetime.Token));
        }
        catch (ConversationException e)
        {
            error = e.Message;
        }
        StateHasChanged();
    }

    string? OpenRoomCode => share?.RoomCode ?? snapshot?.RoomCode ?? RoomCode;

    /// <summary>The room's people as the server has them now (someone may have joined without writing yet).</summary>
    async Task RefreshPeopleAsync()
    {
        if (OpenRoomCode is not { } code || snapshot is null) return;
        try
        {
            var fresh = await Hub.JoinSessionAsync(code, lifetime.Token);
            Meet(fresh);
            snapshot = snapshot with { Participants = fresh.Participants };
            roomNote = null;
        }
        catch (ConversationException e)
        {
            error = e.Message;
        }
    }

    /// <summary>The owner removes someone: their streams end and the room's code no longer lets them in.</summary>
    async Task RemoveAsync(string viewerId)
    {
        if (!Owns || sessionId is null) return;
        var who = people.FirstOrDefault(p => p.ViewerId == viewerId) is { } person ? PersonLabel(person) : "They";
        try
        {
            await Hub.RemoveParticipantAsync(sessionId, viewerId, lifetime.Token);
            people.RemoveAll(p => p.ViewerId == viewerId);
            roomNote = $"{who} left the room; the link no longer lets them in.";
            error = null;
        }
        catch (ConversationException e)
        {
            error = e.Message;
        }
    }

    /// <summary>The owner closes the room: everyone else leaves it, the link stops working, the conversation stays theirs.</summary>
    async Task CloseRoomAsync()
    {
        if (!Owns || sessionId is null || snapshot is null) return;
        try
        {
            await Hub.CloseRoomAsync(sessionId, lifetime.Token);
            share = null;
            shareNote = "The room is closed; Share opens a new one.";
            people.RemoveAll(p => !p.IsOwner);
            snapshot = snapshot with { RoomCode = null };
            error = null;
        }
        catch (ConversationException e)
        {
            error = e.Message;
        }
    }
}
