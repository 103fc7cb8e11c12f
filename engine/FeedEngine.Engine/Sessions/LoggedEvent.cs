using FeedEngine.Engine.Abstractions.Sessions;

namespace FeedEngine.Engine.Sessions;

/// <summary>
/// One event as the event log and the reply in progress hold it. A token frame is kept as its number and where its text
/// lies in a shared array of <see cref="TokenTexts"/>: a reply's hundred or so frames live as long as the reply, and an
/// event object each (five times the frame's size) made every collection during a reply carry them over; a string each
/// still made one object per frame, and the reply's text a second copy. Readers get an event (and its text) made when
/// they read it. Anything else is kept as the event itself. 24 bytes.
/// </summary>
internal readonly struct LoggedEvent
{
    /// <summary>The <see cref="SessionEvent"/>, or the array that holds a token frame's text.</summary>
    readonly object payload;
    readonly int length;
    readonly ushort start;
    readonly bool sponsored;

    LoggedEvent(long seq, object payload, int start, int length, bool sponsored)
    {
        Seq = seq;
        this.payload = payload;
        this.start = checked((ushort)start);
        this.length = length;
        this.sponsored = sponsored;
    }

    public long Seq { get; }

    /// <summary>The length of a token frame's text; 0 for any other event.</summary>
    public int TokenLength => payload is char[] ? length : 0;

    /// <summary>The event as viewers receive it (for a token frame, a new one equal to the frame that was sent).</summary>
    public SessionEvent Event => payload as SessionEvent
        ?? new SessionEvent { Seq = Seq, Kind = SessionEventKind.Token, Text = new string((char[])payload, start, length), Sponsored = sponsored };

    /// <summary>Appends a token frame's text to <paramref name="text"/>; any other event appends nothing.</summary>
    public void AppendTokenText(System.Text.StringBuilder text)
    {
        if (payload is char[] chars) text.Append(chars, start, length);
    }

    public static LoggedEvent Of(SessionEvent item) => new(item.Seq, item, 0, 0, false);

    /// <summary>A token frame numbered <paramref name="seq"/>, its text copied into <paramref name="texts"/>.</summary>
    public static LoggedEvent Token(long seq, TokenTexts texts, ReadOnlySpan<char> text, bool sponsored)
    {
        var (chars, at) = texts.Add(text);
        return new(seq, chars, at, text.Length, sponsored);
    }
}

/// <summary>
/// Token frames' texts side by side in arrays of <see cref="SlabLength"/> characters, appended and never changed: a
/// frame costs its characters, not an object. A longer text gets an array of its own. An array lives while any event
/// that points into it does. Not thread-safe: the grain's scheduler uses it.
/// </summary>
internal sealed class TokenTexts
{
    public const int SlabLength = 256;

    char[]? slab;
    int used;

    /// <summary>Copies <paramref name="text"/> in; the array it now lies in and where it starts there.</summary>
    public (char[] Chars, int Start) Add(ReadOnlySpan<char> text)
    {
        if (text.Length > SlabLength / 2) return (text.ToArray(), 0);
        if (slab is null || used + text.Length > SlabLength)
        {
            slab = new char[SlabLength];
            used = 0;
        }
        var at = used;
        text.CopyTo(slab.AsSpan(at));
        used += text.Length;
        return (slab, at);
    }
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
