using FeedEngine.Engine.Abstractions.Sessions;

namespace FeedEngine.Engine.Sessions;

/// <summary>
/// One event as the event log and the reply in progress hold it. A token frame is kept as its number and text only: a
/// reply's hundred or so frames live as long as the reply, and an event object each (five times the frame's size) made
/// every collection during a reply carry them over; readers get an event made when they read it. Anything else is kept
/// as the event itself.
/// </summary>
internal readonly struct LoggedEvent
{
    readonly SessionEvent? full;
    readonly string? token;
    readonly bool sponsored;

    LoggedEvent(long seq, SessionEvent? full, string? token, bool sponsored)
    {
        Seq = seq;
        this.full = full;
        this.token = token;
        this.sponsored = sponsored;
    }

    public long Seq { get; }

    /// <summary>The event as viewers receive it (for a token frame, a new one equal to the frame that was sent).</summary>
    public SessionEvent Event => full ?? new SessionEvent { Seq = Seq, Kind = SessionEventKind.Token, Text = token, Sponsored = sponsored };

    public static LoggedEvent Of(SessionEvent item) => new(item.Seq, item, null, false);

    public static LoggedEvent Token(long seq, string text, bool sponsored) => new(seq, null, text, sponsored);
}
