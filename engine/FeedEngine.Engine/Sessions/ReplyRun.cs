using System.Text;
using FeedEngine.Engine.Abstractions.Sessions;

namespace FeedEngine.Engine.Sessions;

/// <summary>Why a reply ended before the model finished.</summary>
internal enum ReplyStop { None, Cancelled, Interrupted, Blocked }

/// <summary>
/// One reply being generated: its turn number, what the viewer has been shown so far, its events, and the switch
/// that stops it. The grain holds at most one.
/// </summary>
internal sealed class ReplyRun(ViewerMessage message, SendReceipt receipt, long startedAt)
{
    readonly CancellationTokenSource stop = new();
    int releasedLength;

    public ViewerMessage Message { get; } = message;
    public SendReceipt Receipt { get; } = receipt;
    public long ReplyTurnSeq => Receipt.ReplyTurnSeq;
    public long StartedAt { get; } = startedAt;

    /// <summary>
    /// The text released to the viewer so far: exactly the text of this reply's token events, read from them (a copy
    /// kept alongside them was a second array per reply that every collection during the reply carried over).
    /// </summary>
    public string Released
    {
        get
        {
            var text = new StringBuilder(releasedLength);
            for (var i = 0; i < Events.Count; i++) Events[i].AppendTokenText(text);
            return text.ToString();
        }
    }

    public bool HasText => releasedLength > 0;

    /// <summary>The events of this reply so far, in order (stored with its turn).</summary>
    public EventChunks Events { get; } = new();

    public ReplyStop StopReason { get; private set; }

    /// <summary>Set when the brand persona answers this message instead of the post (a reply to a sponsored turn, or a brand conversation).</summary>
    public FeedEngine.Engine.Abstractions.Ads.SponsoredOffer? Sponsor { get; set; }

    public CancellationToken Token => stop.Token;

    /// <summary>Ends when the turn is stored and its turn event sent.</summary>
    public Task Completion { get; set; } = Task.CompletedTask;

    public void Stop(ReplyStop reason)
    {
        if (StopReason != ReplyStop.None) return;
        StopReason = reason;
        stop.Cancel();
    }

    /// <summary>Adds a token frame's event (its text released to the viewer).</summary>
    public void Release(LoggedEvent frame)
    {
        Events.Add(frame);
        releasedLength += frame.TokenLength;
    }
}
