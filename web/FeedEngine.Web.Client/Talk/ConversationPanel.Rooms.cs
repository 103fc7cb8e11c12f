namespace FeedEngine.Web.Client.Talk;

/// <summary>
/// Co-play rooms in the conversation panel. A room link (<c>/?room=CODE</c>) opens the panel with <see cref="RoomCode"/>:
/// it joins with <c>JoinSession</c> instead of starting the viewer's own session. In a room (joined, or shared by its
/// owner) the panel keeps one live <c>Resume</c> stream open, so everyone's messages and the replies to them appear as
/// they happen; the panel's own Send streams and this one show each event once (by its number).
/// </summary>
public partial class ConversationPanel
{
    bool followingRoom;

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
}
