using System.Text.Json.Nodes;
using FeedEngine.Engine.Abstractions.Sessions;
using FeedEngine.Inference;
using FeedEngine.Media.Generation;
using FeedEngine.Storage;
using FeedEngine.Storage.Posts;
using FeedEngine.Storage.Sessions;
using Microsoft.Extensions.DependencyInjection;

namespace FeedEngine.Engine.Sessions;

/// <summary>
/// Scene pictures (Media/Generation/README.md, "Wiring it into a session"): after a reply is stored, the post's image
/// styles decide whether to draw (a new location, a scene variable changed, or the viewer asked with <c>/draw</c>).
/// The picture is drawn in the background, never holding up the reply; when ready it is stored as its own image turn
/// whose <c>image</c> event follows the reply's <c>turn</c> event and carries the AI-generated flag.
/// </summary>
internal sealed partial class SessionGrain : ISessionPictures
{
    /// <summary>A message that starts with this asks for a picture (styles that draw <c>OnRequest</c>).</summary>
    public const string DrawCommand = "/draw";

    readonly List<ScenePicture> pendingPictures = [];
    IReadOnlyList<ImageStyle>? imageStyles;
    readonly CancellationTokenSource pictureStop = new();

    /// <summary>
    /// Before a reply turn is stored: whether this reply gets a picture (its turn event then says <c>imagePending</c>).
    /// Null when pictures are off, the post has no style, the reply did not end well, or no style draws at this moment.
    /// </summary>
    async Task<SceneImageRequest?> PlanPictureAsync(ReplyRun run, TurnStatus status)
    {
        if (status is not (TurnStatus.Complete or TurnStatus.Stopped)) return null;
        if (ServiceProvider.GetService<SceneImageService>() is null) return null;
        var styles = await ImageStylesAsync();
        if (styles.Count == 0 || !replySafety.TryGetValue(run, out var safety)) return null;

        var text = run.Message.Text.TrimStart();
        var asked = text.StartsWith(DrawCommand, StringComparison.OrdinalIgnoreCase);
        if (ImageTriggers.Pick(styles, safety.StateBefore, state, asked) is not { } pick) return null;
        // Promised before the turn event goes out, so a stream that reads the turn at once knows to wait.
        picturesDrawing.Add(run.ReplyTurnSeq);
        return new SceneImageRequest(program.PostId, styles, pick.Style.Name, (JsonObject)state.DeepClone(), run.Message.ViewerId,
            Character: ImageTriggers.CharacterIn(pick.Style, run.Released)?.Name,
            ViewerAsk: pick.Trigger == ImageTrigger.OnRequest ? text[DrawCommand.Length..].Trim() : null);
    }

    /// <summary>The picture styles of the post version the session runs, read once per activation (only they are kept).</summary>
    async Task<IReadOnlyList<ImageStyle>> ImageStylesAsync()
    {
        if (imageStyles is not null) return imageStyles;
        var version = await ServiceProvider.GetRequiredService<IPostRepository>().FindVersionAsync(program.PostId, program.Version);
        return imageStyles = version?.Content.ImageStyles ?? [];
    }

    /// <summary>Called once a reply turn is stored, while the reply still holds the session: stores pictures that became ready meanwhile, then starts this reply's.</summary>
    async Task AfterReplyStoredAsync(ReplyRun run, SceneImageRequest? request)
    {
        while (pendingPictures.Count > 0)
        {
            var ready = pendingPictures[0];
            pendingPictures.RemoveAt(0);
            await StorePictureAsync(ready);
        }
        if (request is null) return;
        if (ServiceProvider.GetService<SceneImageService>() is not { } scenes)
        {
            PictureSettled(run.ReplyTurnSeq);
            return;
        }
        // Not awaited: the reply is never held up. DrawAsync catches everything at its boundary.
        _ = DrawAsync(scenes, request, run.ReplyTurnSeq, run.Message.MessageId);
    }

    async Task DrawAsync(SceneImageService scenes, SceneImageRequest request, long replySeq, string messageId)
    {
        try
        {
            var result = await scenes.DrawAsync(request, pictureStop.Token);
            if (!result.Succeeded)
            {
                // The creator's problem (an unknown style, too large, nothing to draw); the reply already went out.
                SessionLog.PictureRefused(logger, SessionId, replySeq, result.Refusal.Value.ToString(), result.Message);
                PictureSettled(replySeq);
                return;
            }
            SessionLog.PictureReady(logger, SessionId, replySeq, result.Image.Id, result.FromCache);
            var picture = new ScenePicture
            {
                ImageId = result.Image.Id,
                Url = result.Urls!.Full,
                ReplyTurnSeq = replySeq,
                MessageId = messageId,
                AiGenerated = result.Image.AiGenerated,
            };
            // Through the grain's own queue: never between a message's storing and its event.
            await this.AsReference<ISessionPictures>().AddPictureAsync(picture);
        }
        catch (OperationCanceledException) when (pictureStop.IsCancellationRequested)
        {
            PictureSettled(replySeq);
        }
        catch (Exception e) when (e is ModelUnavailableException or InferenceBusyException or InferenceProviderException)
        {
            SessionLog.PictureFailed(logger, SessionId, replySeq, e.Message);
            PictureSettled(replySeq);
        }
        catch (Exception e)
        {
            // The boundary of the background drawing: nothing may escape unobserved.
            SessionLog.PictureCrashed(logger, e, SessionId, replySeq);
            PictureSettled(replySeq);
        }
    }

    public async Task AddPictureAsync(ScenePicture picture)
    {
        if (session is null)
        {
            PictureSettled(picture.ReplyTurnSeq);
            return;
        }
        // A reply is being written: its seqs are reserved; the picture follows it.
        if (running is not null)
        {
            pendingPictures.Add(picture);
            return;
        }
        await StorePictureAsync(picture);
    }

    /// <summary>One image turn after everything so far, stored once (its idempotency key), then its <c>image</c> event.</summary>
    async Task StorePictureAsync(ScenePicture picture)
    {
        var seq = lastTurnSeq + 1;
        var image = new SessionEvent
        {
            Seq = log.NextSeq, Kind = SessionEventKind.Image, ImageUrl = picture.Url, TurnSeq = seq, AiGenerated = picture.AiGenerated,
            ForTurnSeq = picture.ReplyTurnSeq,
        };
        var turn = new TurnDocument
        {
            SessionId = SessionId,
            Seq = seq,
            Role = TurnRole.Post,
            AuthorId = program.PostId,
            Text = "",
            ImageIds = [picture.ImageId],
            Status = TurnStatus.Complete,
            FirstEventSeq = image.Seq,
            LastEventSeq = image.Seq,
            Events = [SessionEvents.ToRecord(image)],
            IdempotencyKey = $"{SessionId}:{picture.MessageId}:image",
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        if (await AppendWithRetryAsync(turn) == WriteOutcome.Duplicate)
        {
            SessionLog.ReplyAlreadyStored(logger, SessionId, seq);
            PictureSettled(picture.ReplyTurnSeq);
            return;
        }
        log.Append(image);
        PictureSettled(picture.ReplyTurnSeq);
        log.MarkDurable();
        AddTurn(turn);
        var previous = sessionWrites;
        sessionWrites = WriteSessionAsync(previous);
    }
}

/// <summary>How the session grain stores the pictures it drew in the background, one grain turn at a time. Key: the session id.</summary>
[Alias("feed.session.pictures")]
public interface ISessionPictures : IGrainWithStringKey
{
    [Alias("add")]
    Task AddPictureAsync(ScenePicture picture);
}

/// <summary>A picture drawn for a reply, ready to become an image turn.</summary>
[GenerateSerializer, Immutable, Alias("feed.ScenePicture")]
public sealed record ScenePicture
{
    [Id(0)] public string ImageId { get; init; } = "";
    [Id(1)] public string Url { get; init; } = "";
    [Id(2)] public long ReplyTurnSeq { get; init; }
    [Id(3)] public string MessageId { get; init; } = "";
    [Id(4)] public bool AiGenerated { get; init; }
}
