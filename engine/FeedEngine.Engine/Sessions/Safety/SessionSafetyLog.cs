using Microsoft.Extensions.Logging;

namespace FeedEngine.Engine.Sessions;

static partial class SessionLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Session {SessionId}: the message before reply {TurnSeq} was blocked by moderation, categories {Categories}")]
    public static partial void MessageBlocked(ILogger logger, string sessionId, long turnSeq, string categories);

    [LoggerMessage(Level = LogLevel.Information, Message = "Session {SessionId}: reply {TurnSeq} was blocked by moderation, categories {Categories}")]
    public static partial void ReplyBlocked(ILogger logger, string sessionId, long turnSeq, string categories);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Session {SessionId}: reply {TurnSeq} was stopped by an output filter ({Code})")]
    public static partial void ReplyStoppedByFilter(ILogger logger, string sessionId, long turnSeq, string code);

    [LoggerMessage(Level = LogLevel.Error, Message = "Session {SessionId}: the moderation decision on turn {TurnSeq} could not be queued for admins")]
    public static partial void ModerationRecordFailed(ILogger logger, Exception exception, string sessionId, long turnSeq);
}

static partial class SessionLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Session {SessionId}: no picture after reply {TurnSeq} ({Refusal}): {Reason}")]
    public static partial void PictureRefused(ILogger logger, string sessionId, long turnSeq, string refusal, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Session {SessionId}: picture {ImageId} for reply {TurnSeq} ready (from cache: {FromCache})")]
    public static partial void PictureReady(ILogger logger, string sessionId, long turnSeq, string imageId, bool fromCache);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Session {SessionId}: the picture for reply {TurnSeq} could not be drawn: {Reason}")]
    public static partial void PictureFailed(ILogger logger, string sessionId, long turnSeq, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Session {SessionId}: drawing the picture for reply {TurnSeq} failed")]
    public static partial void PictureCrashed(ILogger logger, Exception exception, string sessionId, long turnSeq);
}
