using FeedEngine.Engine.Abstractions.Sessions;
using FeedEngine.Media.Uploads;
using FeedEngine.Storage.Sessions;

namespace FeedEngine.Engine.Sessions;

/// <summary>
/// Converts between the events viewers receive and the records stored with their turns, so an event read back from
/// storage equals the one sent live. Message and turn events take their text from the turn.
/// </summary>
internal static class SessionEvents
{
    public static TurnEvent ToRecord(SessionEvent e) => new()
    {
        Seq = e.Seq,
        Kind = (TurnEventKind)e.Kind,
        Text = e.Kind is SessionEventKind.Turn or SessionEventKind.Message or SessionEventKind.Sponsored ? null : e.Text,
        StateJson = e.StateJson,
        ImageUrl = e.ImageUrl,
        AiGenerated = e.AiGenerated,
        ImagePending = e.ImagePending,
        ForTurnSeq = e.ForTurnSeq,
        StatusCode = e.Status is { } status ? CodeOf(status.Code) : null,
        StatusMessage = e.Status?.Message,
        RetryAfterSeconds = e.Status?.RetryAfterSeconds,
    };

    public static SessionEvent FromRecord(TurnDocument turn, TurnEvent record)
    {
        var kind = (SessionEventKind)record.Kind;
        var carriesTurn = kind is SessionEventKind.Turn or SessionEventKind.Message or SessionEventKind.Sponsored;
        return new SessionEvent
        {
            Seq = record.Seq,
            Kind = kind,
            Text = carriesTurn ? turn.Text : record.Text,
            StateJson = record.StateJson,
            ImageUrl = record.ImageUrl,
            AiGenerated = record.AiGenerated,
            ImagePending = record.ImagePending,
            ForTurnSeq = record.ForTurnSeq,
            Sponsored = turn.Sponsored,
            TurnSeq = carriesTurn || kind == SessionEventKind.Image ? turn.Seq : null,
            Status = record.StatusCode is { } code && TryParseCode(code, out var parsed)
                ? new SessionStatus { Code = parsed, Message = record.StatusMessage ?? "", RetryAfterSeconds = record.RetryAfterSeconds }
                : null,
            Role = carriesTurn ? (SessionRole)turn.Role : null,
            TurnStatus = kind == SessionEventKind.Turn ? (SessionTurnStatus)turn.Status : null,
            BranchId = carriesTurn ? turn.BranchId : null,
            AuthorName = kind == SessionEventKind.Message ? turn.AuthorName : null,
            AuthorId = kind == SessionEventKind.Message && turn.Role == TurnRole.Viewer ? turn.AuthorId : null,
            Sponsor = kind == SessionEventKind.Sponsored ? CardOf(turn) : null,
        };
    }

    public static SessionTurn ToTurn(TurnDocument turn) => new()
    {
        Seq = turn.Seq,
        Role = (SessionRole)turn.Role,
        Text = turn.Text,
        ImageUrls = [.. turn.ImageIds.Select(id => ImageVariantNames.UrlOf(id, ImageVariantNames.Full))],
        Sponsored = turn.Sponsored,
        Status = (SessionTurnStatus)turn.Status,
        BranchId = turn.BranchId,
        AuthorName = turn.AuthorName,
        AuthorId = turn.Role == TurnRole.Viewer ? turn.AuthorId : null,
        Sponsor = CardOf(turn),
        AiGenerated = turn.Events.Any(e => e.Kind == TurnEventKind.Image && e.AiGenerated),
    };

    public static SponsoredCard? CardOf(TurnDocument turn) => turn.Sponsor is { } s
        ? new SponsoredCard { Label = s.Label, BrandName = s.BrandName, SuggestedPrompts = [.. s.SuggestedPrompts], ClickUrl = s.ClickUrl, PlacementId = s.PlacementId }
        : null;

    public static string CodeOf(SessionStatusCode code)
    {
        var name = code.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }

    static bool TryParseCode(string code, out SessionStatusCode parsed) => Enum.TryParse(code, ignoreCase: true, out parsed);
}
