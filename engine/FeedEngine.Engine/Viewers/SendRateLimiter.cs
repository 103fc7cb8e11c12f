namespace FeedEngine.Engine.Viewers;

/// <summary>
/// A sliding one-minute window of a viewer's sends: at most <c>perMinute</c> in any 60 seconds. A refused send is not
/// counted, and says when the oldest send in the window leaves it.
/// </summary>
public sealed class SendRateLimiter(int perMinute, TimeProvider time)
{
    static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    readonly Queue<DateTimeOffset> sends = new();

    public bool TryAcquire(out TimeSpan retryAfter)
    {
        var now = time.GetUtcNow();
        while (sends.Count > 0 && now - sends.Peek() >= Window) sends.Dequeue();
        if (sends.Count < perMinute)
        {
            sends.Enqueue(now);
            retryAfter = TimeSpan.Zero;
            return true;
        }
        retryAfter = sends.Peek() + Window - now;
        return false;
    }
}
