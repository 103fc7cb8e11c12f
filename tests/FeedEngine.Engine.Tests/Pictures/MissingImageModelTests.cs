using FeedEngine.Engine.Tests.Sessions;
using static FeedEngine.Engine.Tests.Sessions.EngineCluster;

namespace FeedEngine.Engine.Tests.Pictures;

/// <summary>Scene pictures when the configured image model does not exist: replies are unaffected, nothing is drawn or stored.</summary>
[Collection(MissingImageModelCollection.Name)]
public sealed class MissingImageModelTests(MissingImageModelCluster pictures)
{
    [Fact]
    public async Task Send_replyThatWouldDraw_withTheImageModelMissing_endsWithoutAPicture_storesNothing_andKeepsTheReply()
    {
        var postId = await pictures.PublishAsync(PictureStreamTests.Post());
        var (viewer, session) = await pictures.StartAsync(postId);
        const string climb = "I climb the cliff path.";
        pictures.Model.Reply(climb, new Script(["The path ends at a cave. <state>{\"set\":{\"location\":\"cave\"}}</state>"]));

        var receipt = Ok(await session.SendAsync(Message(viewer, climb)));
        // The stream ends by itself once the picture is known to have failed (not at the read's 90 s limit).
        var events = await PictureStreamTests.ReadUntilAsync(session, viewer, receipt.AfterSeq, receipt.ReplyTurnSeq);

        Assert.StartsWith("The path ends at a cave.", Tokens(events));
        var turn = events[^1];
        Assert.Equal(SessionEventKind.Turn, turn.Kind);
        Assert.Equal(SessionTurnStatus.Complete, turn.TurnStatus);
        Assert.DoesNotContain(events, e => e.Kind is SessionEventKind.Image or SessionEventKind.Error);
        Assert.Contains(events, e => e.Kind == SessionEventKind.State);
        Assert.False(Directory.Exists(Path.Combine(pictures.DataDirectory, "images")) && Directory.EnumerateFileSystemEntries(Path.Combine(pictures.DataDirectory, "images")).Any());
        var snapshot = Ok(await session.GetSnapshotAsync(viewer));
        Assert.Equal(receipt.ReplyTurnSeq, snapshot.Turns[^1].Seq);
        Assert.DoesNotContain(snapshot.Turns, t => t.ImageUrls.Length > 0);
    }
}
