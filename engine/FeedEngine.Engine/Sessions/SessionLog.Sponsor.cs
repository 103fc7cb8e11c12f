using Microsoft.Extensions.Logging;

namespace FeedEngine.Engine.Sessions;

static partial class SessionLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Session {SessionId}: the ad system did not answer for placement {PlacementId} ({Reason})")]
    public static partial void SponsorUnavailable(ILogger logger, string sessionId, string placementId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Session {SessionId}: the brand's answer (turn {TurnSeq}, campaign {CampaignId}) proposed {Count} state change(s); refused, a brand cannot change the post's state")]
    public static partial void SponsorStateRefused(ILogger logger, string sessionId, long turnSeq, string campaignId, int count);
}
