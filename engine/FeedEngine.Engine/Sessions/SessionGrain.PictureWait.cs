using FeedEngine.Engine.Abstractions.Sessions;

namespace FeedEngine.Engine.Sessions;

/// <summary>
/// How a <c>Send</c> stream carries its reply's picture: the reply's turn event says <c>imagePending</c> when a picture
/// is being drawn for it, and the stream then stays open until that picture's <c>image</c> event (its
/// <c>forTurnSeq</c> names the reply), or ends without one as soon as the picture is known to have failed, or after
/// <see cref="SessionOptions.PictureWaitSeconds"/>. Streams without an end (<c>Resume</c>) simply carry on.
/// </summary>
internal sealed partial class SessionGrain
{
    /// <summary>Replies whose picture is still being drawn or waiting to be stored.</summary>
    readonly HashSet<long> picturesDrawing = [];
    TaskCompletionSource pictureSettled = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The picture of reply <paramref name="replySeq"/> was stored or will not come: wake the streams waiting for it.</summary>
    void PictureSettled(long replySeq)
    {
        picturesDrawing.Remove(replySeq);
        var signal = pictureSettled;
        pictureSettled = new(TaskCreationOptions.RunContinuationsAsynchronously);
        signal.SetResult();
    }

    /// <summary>What a bounded read still waits for after its reply's turn event: nothing, or that reply's picture until a deadline.</summary>
    sealed class PictureWatch
    {
        public long? ReplySeq { get; private set; }
        public DateTimeOffset Deadline { get; private set; }

        /// <summary>Notes a turn event that promises a picture for the read's own reply.</summary>
        public void Note(SessionEvent item, SessionRead read, DateTimeOffset deadline)
        {
            if (ReplySeq is null && item is { Kind: SessionEventKind.Turn, ImagePending: true } && item.TurnSeq == read.UntilTurnSeq)
            {
                ReplySeq = item.TurnSeq;
                Deadline = deadline;
            }
        }

        public bool Awaiting => ReplySeq is not null;

        /// <summary>The promised picture's image event: the read is complete.</summary>
        public bool Delivers(SessionEvent item) => item.Kind == SessionEventKind.Image && ReplySeq is { } reply && item.ForTurnSeq == reply;
    }

    DateTimeOffset PictureDeadline() => time.GetUtcNow().AddSeconds(Options.PictureWaitSeconds);

    /// <summary>Whether a read caught up with the log should keep waiting for the picture its reply promised.</summary>
    bool PictureStillComing(PictureWatch watch) =>
        watch.ReplySeq is { } reply && picturesDrawing.Contains(reply) && time.GetUtcNow() < watch.Deadline;

    /// <summary>
    /// Waits for the next event, a change of membership, a picture settling, or the picture's deadline. Without a
    /// picture to wait for, it is the log's own wait: no extra frames or tasks for each reader between two events.
    /// </summary>
    Task WaitForEventOrPictureAsync(long seq, PictureWatch watch, CancellationToken cancellationToken) =>
        watch.Awaiting ? WaitForPictureAsync(seq, watch, cancellationToken) : WaitForEventOrMembershipAsync(seq, cancellationToken);

    async Task WaitForPictureAsync(long seq, PictureWatch watch, CancellationToken cancellationToken)
    {
        using var stopTimer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var remaining = watch.Deadline - time.GetUtcNow();
        var timer = Task.Delay(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero, time, stopTimer.Token);
        await Task.WhenAny(WaitForEventOrMembershipAsync(seq, stopTimer.Token), pictureSettled.Task, timer);
        await stopTimer.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
    }
}
