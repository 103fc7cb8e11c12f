using FeedEngine.Engine.Tests.Sessions;
using FeedEngine.Storage.Posts;
using static FeedEngine.Engine.Tests.Sessions.EngineCluster;

namespace FeedEngine.Engine.Tests.Pictures;

/// <summary>
/// How a viewer who used <c>Send</c> receives the reply's picture: the turn event says <c>imagePending</c>, the stream
/// stays open until the picture's <c>image</c> event, and a refreshed snapshot still labels the picture AI-generated.
/// </summary>
[Collection(PictureClusterCollection.Name)]
public sealed class PictureStreamTests(PictureCluster pictures)
{
    const string Climb = "I climb the cliff path.";
    const string Moves = "The path ends at a cave. <state>{\"set\":{\"location\":\"cave\"}}</state>";

    internal static PostContent Post(params ImageTrigger[] drawWhen)
    {
        var content = Samples.Lighthouse();
        content.ImageStyles =
        [
            new ImageStyle { Name = "scene", Prompt = "ink sketch, {{location}}", DrawWhen = drawWhen.Length > 0 ? [.. drawWhen] : [ImageTrigger.NewLocation], Seed = 11, Width = 64, Height = 64 },
        ];
        return content;
    }

    [Fact]
    public async Task Send_replyThatDraws_streamsThroughTheImageEvent_andTheSnapshotLabelsThePicture()
    {
        var postId = await pictures.PublishAsync(Post());
        var (viewer, session) = await pictures.StartAsync(postId);
        pictures.Model.Reply(Climb, new Script([Moves]));

        var receipt = Ok(await session.SendAsync(Message(viewer, Climb)));
        var events = await ReadUntilAsync(session, viewer, receipt.AfterSeq, receipt.ReplyTurnSeq);

        var turn = events.Single(e => e.Kind == SessionEventKind.Turn);
        Assert.Equal(receipt.ReplyTurnSeq, turn.TurnSeq);
        Assert.True(turn.ImagePending);
        var image = events[^1];
        Assert.Equal(SessionEventKind.Image, image.Kind);
        Assert.Equal(receipt.ReplyTurnSeq, image.ForTurnSeq);
        Assert.Equal(receipt.ReplyTurnSeq + 1, image.TurnSeq);
        Assert.True(image.AiGenerated);
        Assert.StartsWith("/images/", image.ImageUrl);

        // Read again later (a client that reconnects and sends the same read): the same events, ending at the picture.
        Assert.Equal(events, await ReadUntilAsync(session, viewer, receipt.AfterSeq, receipt.ReplyTurnSeq));

        // A refreshed page: the picture's own turn carries the AI-generated flag; the reply and the message do not.
        var snapshot = Ok(await session.GetSnapshotAsync(viewer));
        var pictureTurn = snapshot.Turns.Single(t => t.Seq == image.TurnSeq);
        Assert.True(pictureTurn.AiGenerated);
        Assert.Equal([image.ImageUrl!], pictureTurn.ImageUrls);
        Assert.False(snapshot.Turns.Single(t => t.Seq == receipt.ReplyTurnSeq).AiGenerated);
        Assert.False(snapshot.Turns.Single(t => t.Seq == receipt.MessageTurnSeq).AiGenerated);

        // A reply that draws nothing (the location stays): its turn promises nothing, its stream ends at the turn event.
        pictures.Model.Reply("I rest.", new Script(["You sit on a rock."]));
        var (quiet, next) = await SendAsync(session, viewer, "I rest.");
        Assert.Equal(SessionEventKind.Turn, next[^1].Kind);
        Assert.Equal(quiet.ReplyTurnSeq, next[^1].TurnSeq);
        Assert.False(next[^1].ImagePending);
    }

    [Fact]
    public async Task Send_drawRequestOnAPostWithNoStyleForRequests_drawsNothing_storesNothing_andTheReplyIsUnaffected()
    {
        // The viewer asks for a picture in a style the post does not have (its only style draws on new locations).
        var postId = await pictures.PublishAsync(Post(ImageTrigger.NewLocation));
        var (viewer, session) = await pictures.StartAsync(postId);
        const string ask = "/draw watercolor of the harbor";
        pictures.Model.Reply(ask, new Script(["The harbor is quiet."]));
        var before = Directory.Exists(Path.Combine(pictures.DataDirectory, "images")) ? Directory.GetDirectories(Path.Combine(pictures.DataDirectory, "images")).Length : 0;

        var (receipt, events) = await SendAsync(session, viewer, ask);
        var (_, next) = await SendAsync(session, viewer, "I look around.");

        Assert.Equal("The harbor is quiet.", Tokens(events));
        Assert.Equal(SessionTurnStatus.Complete, events[^1].TurnStatus);
        Assert.False(events[^1].ImagePending);
        Assert.DoesNotContain(events.Concat(next), e => e.Kind is SessionEventKind.Image or SessionEventKind.Error);
        Assert.Equal(receipt.ReplyTurnSeq + 1, next[0].TurnSeq);
        var after = Directory.Exists(Path.Combine(pictures.DataDirectory, "images")) ? Directory.GetDirectories(Path.Combine(pictures.DataDirectory, "images")).Length : 0;
        Assert.Equal(before, after);
        Assert.DoesNotContain(Ok(await session.GetSnapshotAsync(viewer)).Turns, t => t.AiGenerated);
    }

    /// <summary>A <c>Send</c>-style read (through the reply's turn), with room for the first picture of the run on a busy CPU.</summary>
    internal static async Task<List<SessionEvent>> ReadUntilAsync(ISessionGrain session, string viewer, long afterSeq, long untilTurnSeq)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var events = new List<SessionEvent>();
        await foreach (var item in session.ReadAsync(new SessionRead { ViewerId = viewer, AfterSeq = afterSeq, UntilTurnSeq = untilTurnSeq }, timeout.Token))
            events.Add(item);
        return events;
    }
}
