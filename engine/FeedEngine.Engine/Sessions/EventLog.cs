using FeedEngine.Engine.Abstractions.Sessions;

namespace FeedEngine.Engine.Sessions;

/// <summary>
/// The session's numbered events in memory: the reply in progress and the most recent stored ones. Events up to
/// <see cref="DurableSeq"/> are also in storage (inside their turns), so the oldest of them may be let go; later ones
/// never are. Readers wait for the next number with <see cref="WaitAfterAsync"/>. Used on the grain's scheduler only.
/// </summary>
internal sealed class EventLog(long lastSeq, int keep = 512)
{
    readonly EventChunks recent = new();
    readonly TokenTexts texts = new();
    TaskCompletionSource appended = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public long LastSeq { get; private set; } = lastSeq;

    /// <summary>The last event whose turn is stored.</summary>
    public long DurableSeq { get; private set; } = lastSeq;

    /// <summary>The oldest event still in memory (everything from here to <see cref="LastSeq"/>).</summary>
    public long FirstInMemory => recent.Count > 0 ? recent[0].Seq : LastSeq + 1;

    /// <summary>The number the next event will get.</summary>
    public long NextSeq => LastSeq + 1;

    public SessionEvent Append(SessionEvent item)
    {
        item = item with { Seq = NextSeq };
        Add(LoggedEvent.Of(item));
        return item;
    }

    /// <summary>Appends a token frame (kept as its text: <see cref="LoggedEvent"/>).</summary>
    public LoggedEvent AppendToken(ReadOnlySpan<char> text, bool sponsored)
    {
        var entry = LoggedEvent.Token(NextSeq, texts, text, sponsored);
        Add(entry);
        return entry;
    }

    void Add(LoggedEvent entry)
    {
        recent.Add(entry);
        LastSeq = entry.Seq;
        Trim();
        Wake();
    }

    /// <summary>
    /// Wakes every waiting reader, with or without a new event: each looks again (one removed from a co-play room
    /// stops). One signal for both spares each waiting reader a second wait and its objects.
    /// </summary>
    public void Wake()
    {
        var signal = appended;
        appended = new(TaskCreationOptions.RunContinuationsAsynchronously);
        signal.SetResult();
    }

    /// <summary>Marks everything so far as stored.</summary>
    public void MarkDurable()
    {
        DurableSeq = LastSeq;
        Trim();
    }

    public bool TryGet(long seq, out SessionEvent item)
    {
        var index = seq - FirstInMemory;
        if (index < 0 || index >= recent.Count)
        {
            item = null!;
            return false;
        }
        item = recent[(int)index].Event;
        return true;
    }

    /// <summary>Completes when an event after <paramref name="seq"/> exists, or at a <see cref="Wake"/>.</summary>
    public Task WaitAfterAsync(long seq, CancellationToken cancellationToken) =>
        LastSeq > seq ? Task.CompletedTask : appended.Task.WaitAsync(cancellationToken);

    void Trim()
    {
        var excess = recent.Count - keep;
        if (excess <= 0) return;
        var durable = 0;
        while (durable < recent.Count && recent[durable].Seq <= DurableSeq) durable++;
        var removable = Math.Min(excess, durable);
        if (removable > 0) recent.RemoveFirst(removable);
    }
}
