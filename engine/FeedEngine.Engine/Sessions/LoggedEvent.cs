using FeedEngine.Engine.Abstractions.Sessions;

namespace FeedEngine.Engine.Sessions;

/// <summary>
/// One event as the event log and the reply in progress hold it. A token frame is kept as its number and text only: a
/// reply's hundred or so frames live as long as the reply, and an event object each (five times the frame's size) made
/// every collection during a reply carry them over; readers get an event made when they read it. Anything else is kept
/// as the event itself. 24 bytes: the event or the frame's text in one field.
/// </summary>
internal readonly struct LoggedEvent
{
    /// <summary>The <see cref="SessionEvent"/>, or a token frame's text.</summary>
    readonly object payload;
    readonly bool sponsored;

    LoggedEvent(long seq, object payload, bool sponsored)
    {
        Seq = seq;
        this.payload = payload;
        this.sponsored = sponsored;
    }

    public long Seq { get; }

    /// <summary>The event as viewers receive it (for a token frame, a new one equal to the frame that was sent).</summary>
    public SessionEvent Event => payload as SessionEvent
        ?? new SessionEvent { Seq = Seq, Kind = SessionEventKind.Token, Text = (string)payload, Sponsored = sponsored };

    public static LoggedEvent Of(SessionEvent item) => new(item.Seq, item, false);

    public static LoggedEvent Token(long seq, string text, bool sponsored) => new(seq, text, sponsored);
}

/// <summary>
/// Events in order, in fixed chunks of <see cref="ChunkSize"/>: adding never copies the events already held or leaves a
/// regrown array behind. A list that doubled as a reply went on left a trail of arrays that the collections running
/// during the reply copied and then dropped (5.6 MB of them among 30 MB promoted, 1,000 viewers at 100 Sends/s).
/// Letting go of the oldest events drops whole chunks. Not thread-safe: the grain's scheduler uses it.
/// </summary>
internal sealed class EventChunks : IReadOnlyList<LoggedEvent>
{
    public const int ChunkSize = 32;

    readonly List<LoggedEvent[]> chunks = [];
    int head;

    public int Count { get; private set; }

    public LoggedEvent this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            var at = head + index;
            return chunks[at / ChunkSize][at % ChunkSize];
        }
    }

    public void Add(LoggedEvent item)
    {
        var at = head + Count;
        if (at / ChunkSize == chunks.Count) chunks.Add(new LoggedEvent[ChunkSize]);
        chunks[at / ChunkSize][at % ChunkSize] = item;
        Count++;
    }

    /// <summary>Lets go of the first <paramref name="count"/> events.</summary>
    public void RemoveFirst(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, Count);
        var end = head + count;
        var whole = end / ChunkSize;
        chunks.RemoveRange(0, whole);
        head = end - whole * ChunkSize;
        // What the first chunk still holds before the new head must not keep its texts or events alive.
        if (chunks.Count > 0) Array.Clear(chunks[0], 0, head);
        Count -= count;
        if (Count == 0 && chunks.Count > 0)
        {
            chunks.Clear();
            head = 0;
        }
    }

    public IEnumerator<LoggedEvent> GetEnumerator()
    {
        for (var i = 0; i < Count; i++) yield return this[i];
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
