using FeedEngine.Engine.Abstractions.Sessions;
using FeedEngine.Storage.Sessions;
using Microsoft.Extensions.DependencyInjection;

namespace FeedEngine.Engine.Sessions;

/// <summary>How long viewers talk, told to the feed (<see cref="IConversationSignals"/>) so it can learn their interests.</summary>
internal sealed partial class SessionGrain
{
    IConversationSignals? Signals => ServiceProvider.GetService<IConversationSignals>();

    /// <summary>
    /// After a viewer's message is stored: when their messages in this session reach a mark, the feed is told, in the
    /// background. The feed's learning (the post's embedding, a profile write) took up to 1.6 s when it was awaited here,
    /// and the viewer's Send waited for it before the reply could reach them. A failure is logged and changes nothing.
    /// </summary>
    void NoteTalk(ViewerMessage message)
    {
        if (IsPreview || session is not { SponsorPlacementId: null } current || Signals is not { } signals) return;
        var messages = turns.Count(t => t.Role == TurnRole.Viewer && t.AuthorId == message.ViewerId);
        if (!IConversationSignals.Marks.Contains(messages)) return;
        var (viewerId, postId, sessionId) = (message.ViewerId, current.PostId, SessionId);
        // Off the grain's scheduler: the signal touches no grain state, and the grain goes on with its next call.
        _ = Task.Run(async () =>
        {
            try
            {
                await signals.TalkedAsync(viewerId, postId, messages);
            }
            catch (Exception e)
            {
                SessionLog.TalkSignalFailed(logger, e, sessionId, messages);
            }
        });
    }
}
