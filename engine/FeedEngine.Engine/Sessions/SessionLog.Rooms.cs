using Microsoft.Extensions.Logging;

namespace FeedEngine.Engine.Sessions;

static partial class SessionLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Session {SessionId}: branch {BranchId} made from {ParentId} after turn {ForkSeq} ({Kind})")]
    public static partial void Branched(ILogger logger, string sessionId, string branchId, string parentId, long forkSeq, string kind);

    [LoggerMessage(Level = LogLevel.Information, Message = "Session {SessionId}: room {Change} ({ViewerId})")]
    public static partial void Room(ILogger logger, string sessionId, string change, string viewerId);
}
