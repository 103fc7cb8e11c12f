using Microsoft.Extensions.Logging;

namespace FeedEngine.Engine.Sessions;

static partial class SessionLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Session {SessionId}: turn {TurnSeq} had landed before its retry; its stored events (through {StoredLastEventSeq}) set to the ones sent (through {SentLastEventSeq}): {Outcome}")]
    public static partial void RetriedTurnEventsMatched(ILogger logger, string sessionId, long turnSeq, long storedLastEventSeq, long sentLastEventSeq, string outcome);
}
