using FeedEngine.Engine.Abstractions.Sessions;

namespace FeedEngine.Web.Sessions;

/// <summary>"Talking now": the connection is on the post of the session it opened last, until it disconnects.</summary>
public sealed partial class FeedHub
{
    SessionSnapshot OnPost(SessionSnapshot snapshot)
    {
        talking.Enter(Context.ConnectionId, ViewerId, snapshot.PostId);
        return snapshot;
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        talking.Leave(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }
}
