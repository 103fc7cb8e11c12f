using Microsoft.Extensions.Logging;

namespace FeedEngine.Engine.Sessions;

static partial class SessionLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Session {SessionId}: event numbers past {LastSeq} could not be reserved (store unavailable); a crash now could reuse some")]
    public static partial void ReservationFailed(ILogger logger, string sessionId, long lastSeq);

    [LoggerMessage(Level = LogLevel.Information, Message = "Session {SessionId}: switched to branch {BranchId} by {ViewerId}; participants told")]
    public static partial void BranchSwitched(ILogger logger, string sessionId, string branchId, string viewerId);
}
