using System.Diagnostics;

namespace FeedEngine.Bench.Load;

/// <summary>
/// One exchange as the load generator times it, whichever client reads it: when the Send went, each token event's
/// arrival (the first as the time to first token, the rest as gaps), the token text's length, and whether the reply's
/// turn said complete. Stopwatch ticks throughout.
/// </summary>
sealed class ExchangeTiming(long sentAt)
{
    long? lastToken;

    public long SentAt { get; } = sentAt;

    /// <summary>Send to the first token event, in ms; NaN when none came.</summary>
    public double FirstTokenMs { get; private set; } = double.NaN;

    /// <summary>The gaps between token events, in ms.</summary>
    public List<double> Gaps { get; } = new(128);

    public int TokenCharacters { get; private set; }

    public bool Complete { get; private set; }

    /// <summary>A token event of <paramref name="characters"/> characters arrived at <paramref name="now"/>.</summary>
    public void Token(long now, int characters)
    {
        if (lastToken is { } previous) Gaps.Add(Stopwatch.GetElapsedTime(previous, now).TotalMilliseconds);
        else FirstTokenMs = Stopwatch.GetElapsedTime(SentAt, now).TotalMilliseconds;
        lastToken = now;
        TokenCharacters += characters;
    }

    /// <summary>The reply's turn event arrived, saying whether the reply is complete.</summary>
    public void Turn(bool complete) => Complete = complete;
}
