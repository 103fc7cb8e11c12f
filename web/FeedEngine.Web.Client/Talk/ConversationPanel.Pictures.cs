namespace FeedEngine.Web.Client.Talk;

/// <summary>
/// Scene pictures in the conversation panel: a reply's turn event may say <c>imagePending</c>; the panel then shows
/// "Drawing a picture…" under it, frees the composer, and keeps reading the same stream until the picture's
/// <c>image</c> event (which becomes its own turn, with the AI-generated badge) or the end of the stream.
/// </summary>
public sealed partial class ConversationPanel
{
    void ApplyPicture(SessionEventView item)
    {
        if (item.ForTurnSeq is { } reply)
        {
            foreach (var waiting in turns.Where(t => t.Seq == reply)) waiting.PicturePending = false;
        }
        // Two streams may both carry it (a send made while the picture was drawn): show it once.
        if (turns.Any(t => t.ImageUrls.Contains(item.ImageUrl!) && (item.TurnSeq is null || t.Seq == item.TurnSeq))) return;
        var picture = new TurnView { Seq = item.TurnSeq ?? 0, Role = "post", Status = "complete", AiGenerated = item.AiGenerated };
        picture.ImageUrls.Add(item.ImageUrl!);
        turns.Add(picture);
    }

    /// <summary>Where one stream stands: before its reply's turn event, or after it, waiting for the picture it promised.</summary>
    sealed class PictureWait
    {
        public long? ReplySeq { get; private set; }

        public bool Awaiting => ReplySeq is not null;

        /// <summary>Whether this event completes the stream's exchange (its turn without a picture, or the picture).</summary>
        public bool Ends(SessionEventView item)
        {
            if (ReplySeq is null)
            {
                if (item.Kind != "turn") return false;
                if (!item.ImagePending || item.TurnSeq is null) return true;
                ReplySeq = item.TurnSeq;
                return false;
            }
            return item.Kind == "image" && item.ForTurnSeq == ReplySeq;
        }
    }
}
