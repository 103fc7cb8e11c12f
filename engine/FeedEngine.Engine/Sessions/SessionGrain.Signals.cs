using FeedEngine.Engine.Abstractions.Sessions;
using FeedEngine.Storage.Sessions;
using Microsoft.Extensions.DependencyInjection;

namespace FeedEngine.Engine.Sessions;

/// <summary>How long viewers talk, told to the feed (<see cref="IConversationSignals"/>) so it can learn their interests.</summary>
internal sealed partial class SessionGrain
{
    IConversationSignals? Signals => ServiceProvider.GetService<IConversationSignals>();

    /// <summary>
    /// After a viewer's message is stored: when their messages in this session reach a mark, the feed is told. The reply
    /// is already running; a failure is logged and changes nothing in the session.
    /// </summary>
    async Task NoteTalkAsync(ViewerMessage message)
    {
        if (IsPreview || session is not { SponsorPlacementId: null } current || Signals is not { } signals) return;
        var messages = turns.Count(t => t.Role == TurnRole.Viewer && t.AuthorId == message.ViewerId);
        if (!IConversationSignals.Marks.Contains(messages)) return;
        try
        {
            await signals.TalkedAsync(message.ViewerId, current.PostId, messages);
        }
        catch (Exception e)
        {
            SessionLog.TalkSignalFailed(logger, e, SessionId, messages);
        }
    }
}
