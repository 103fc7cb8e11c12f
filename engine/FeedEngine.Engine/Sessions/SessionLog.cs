using Microsoft.Extensions.Logging;

namespace FeedEngine.Engine.Sessions;

static partial class SessionLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Session {SessionId} created on post {PostId} v{Version} for {ViewerId}")]
    public static partial void Created(ILogger logger, string sessionId, string postId, int version, string viewerId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Session {SessionId}: reply {TurnSeq} cancelled by {ViewerId}")]
    public static partial void Cancelled(ILogger logger, string sessionId, long turnSeq, string viewerId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Post {PostId} v{Version}: {Problem}; the variable is left out")]
    public static partial void SchemaProblem(ILogger logger, string postId, int version, string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "Session {SessionId}: state change in reply {TurnSeq} refused ({Variable}): {Reason}")]
    public static partial void StateRejected(ILogger logger, string sessionId, long turnSeq, string? variable, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Session {SessionId}: the model cannot read images ({Reason}); replying without them")]
    public static partial void ImagesNotSupported(ILogger logger, string sessionId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Session {SessionId}: reply {TurnSeq} failed")]
    public static partial void ReplyFailed(ILogger logger, Exception exception, string sessionId, long turnSeq);

    [LoggerMessage(Level = LogLevel.Error, Message = "Session {SessionId}: reply {TurnSeq} could not be finished")]
    public static partial void FinishFailed(ILogger logger, Exception exception, string sessionId, long turnSeq);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Session {SessionId}: reply {TurnSeq} was already stored; kept the first")]
    public static partial void ReplyAlreadyStored(ILogger logger, string sessionId, long turnSeq);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Session {SessionId}: storing turn {TurnSeq} failed (attempt {Attempt}); retrying")]
    public static partial void StoreRetry(ILogger logger, Exception exception, string sessionId, long turnSeq, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Session {SessionId}: the session document was not updated ({Reason}); its turns stay the source of truth")]
    public static partial void SessionWriteFailed(ILogger logger, string sessionId, string reason);
}
