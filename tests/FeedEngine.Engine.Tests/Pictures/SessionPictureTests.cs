using FeedEngine.Engine.Tests.Sessions;
using FeedEngine.Storage.Posts;
using static FeedEngine.Engine.Tests.Sessions.EngineCluster;

namespace FeedEngine.Engine.Tests.Pictures;

/// <summary>Scene pictures in a session (issue 11), drawn by the tiny generated diffusion model through the real pipeline.</summary>
[Collection(PictureClusterCollection.Name)]
public sealed class SessionPictureTests(PictureCluster pictures)
{
    const string Climb = "I climb to the lighthouse.";
    const string Moves = "You climb the spiral stair. <state>{\"set\":{\"location\":\"lighthouse\"}}</state>";

    static PostContent Post(int width = 64)
    {
        var content = Samples.Lighthouse();
        content.ImageStyles =
        [
            new ImageStyle { Name = "scene", Prompt = "moody oil painting, {{location}}", DrawWhen = [ImageTrigger.NewLocation], Seed = 7, Width = width, Height = 64 },
        ];
        return content;
    }

    [Fact]
    public async Task Reply_movingTheLocation_isFollowedByAnAiLabelledImageEvent_andTheSameSceneComesFromTheCache()
    {
        var postId = await pictures.PublishAsync(Post());
        pictures.Model.Reply(Climb, new Script([Moves]));

        var first = await SendUntilImageAsync(postId);
        var second = await SendUntilImageAsync(postId);

        var kinds = first.Select(e => e.Kind).ToList();
        Assert.Equal(SessionEventKind.Message, kinds[0]);
        Assert.True(kinds.IndexOf(SessionEventKind.Turn) < kinds.IndexOf(SessionEventKind.Image), string.Join(",", kinds));
        Assert.Contains(SessionEventKind.State, kinds);
        var image = first[^1];
        Assert.True(image.AiGenerated);
        Assert.StartsWith("/images/", image.ImageUrl);
        var imageId = image.ImageUrl!.Split('/')[2];
        var stored = await pictures.Images.FindAsync(imageId);
        Assert.NotNull(stored);
        Assert.True(stored.AiGenerated);
        // The same post, style and location in another session: the very same picture, from the cache.
        Assert.Equal(image.ImageUrl, second[^1].ImageUrl);
        Assert.True(second[^1].AiGenerated);
    }

    [Fact]
    public async Task Reply_withAStyleLargerThanAllowed_drawsNothingAndStoresNothing()
    {
        var postId = await pictures.PublishAsync(Post(width: 4096));
        var (viewer, session) = await pictures.StartAsync(postId);
        pictures.Model.Reply(Climb, new Script([Moves]));
        var before = CountImages();

        var (receipt, events) = await SendAsync(session, viewer, Climb);
        // A second exchange: a picture of the first would have been stored and announced before it ends.
        pictures.Model.Reply("I look around.", new Script(["Gulls wheel overhead."]));
        var (_, next) = await SendAsync(session, viewer, "I look around.");

        Assert.Equal(SessionTurnStatus.Complete, events[^1].TurnStatus);
        Assert.DoesNotContain(events.Concat(next), e => e.Kind == SessionEventKind.Image);
        Assert.Equal(before, CountImages());
        Assert.Equal(receipt.ReplyTurnSeq + 1, next[0].TurnSeq);
    }

    async Task<List<SessionEvent>> SendUntilImageAsync(string postId)
    {
        var (viewer, session) = await pictures.StartAsync(postId);
        var receipt = Ok(await session.SendAsync(Message(viewer, Climb)));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var events = new List<SessionEvent>();
        await foreach (var item in session.ReadAsync(new SessionRead { ViewerId = viewer, AfterSeq = receipt.AfterSeq }, timeout.Token))
        {
            events.Add(item);
            if (item.Kind == SessionEventKind.Image) break;
        }
        return events;
    }

    int CountImages() =>
        Directory.Exists(Path.Combine(pictures.DataDirectory, "images")) ? Directory.GetDirectories(Path.Combine(pictures.DataDirectory, "images")).Length : 0;
}
