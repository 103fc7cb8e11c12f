using Microsoft.Extensions.Logging;

namespace FeedEngine.Engine.Sessions;

static partial class SessionLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Session {SessionId}: the feed could not be told of message {Messages}")]
    public static partial void TalkSignalFailed(ILogger logger, Exception exception, string sessionId, int messages);
}
