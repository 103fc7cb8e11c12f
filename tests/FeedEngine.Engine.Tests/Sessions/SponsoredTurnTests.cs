using FeedEngine.Engine.Abstractions.Ads;
using FeedEngine.Storage.Posts;
using FeedEngine.Storage.Sessions;
using static FeedEngine.Engine.Tests.Sessions.EngineCluster;

namespace FeedEngine.Engine.Tests.Sessions;

[Collection(EngineClusterCollection.Name)]
public sealed class SponsoredTurnTests(EngineCluster engine)
{
    static PostContent AstronomyQuiz(bool adEligible = true)
    {
        var quiz = Samples.Quiz();
        quiz.Tags = [FakeSponsors.Tag, "space"];
        quiz.AdEligible = adEligible;
        return quiz;
    }

    [Fact]
    public async Task Send_thirdViewerTurn_aLabelledSponsoredTurnFollowsTheReplyAndThePostNeverSeesIt()
    {
        var (viewer, session, snapshot) = await engine.StartAsync(AstronomyQuiz());

        for (var i = 1; i <= 2; i++)
        {
            var (_, early) = await SendAsync(session, viewer, $"Answer {i}");
            Assert.DoesNotContain(early, e => e.Kind == SessionEventKind.Sponsored || e.Sponsored);
        }
        var (receipt, events) = await SendAsync(session, viewer, "Answer 3");

        var turnEvent = events.Single(e => e.Kind == SessionEventKind.Turn);
        var sponsored = events[^1];
        Assert.Equal(SessionEventKind.Sponsored, sponsored.Kind);
        Assert.Equal(turnEvent.Seq + 1, sponsored.Seq);
        Assert.True(sponsored.Sponsored);
        Assert.Equal((SessionRole.Sponsor, receipt.ReplyTurnSeq + 1), (sponsored.Role!.Value, sponsored.TurnSeq!.Value));
        Assert.Equal("Enjoying the stars? StarGazer can help you see them closer.", sponsored.Text);
        Assert.Equal("Sponsored", sponsored.Sponsor!.Label);
        Assert.Equal("StarGazer Telescopes", sponsored.Sponsor.BrandName);
        Assert.Equal(["Which telescope for a beginner?", "Show me deals"], sponsored.Sponsor.SuggestedPrompts);

        // Stored as its own turn, shown in the snapshot, its impression recorded once with the server's placement id.
        var stored = await engine.Turns.ListAsync(snapshot.SessionId);
        var sponsorTurn = Assert.Single(stored, t => t.Role == TurnRole.Sponsor);
        Assert.True(sponsorTurn.Sponsored);
        Assert.Equal(sponsored.Sponsor.PlacementId, sponsorTurn.Sponsor!.PlacementId);
        var after = Ok(await session.GetSnapshotAsync(viewer));
        var shown = after.Turns[^1];
        Assert.Equal((SessionRole.Sponsor, true, "Sponsored"), (shown.Role, shown.Sponsored, shown.Sponsor!.Label));
        Assert.Contains(engine.Sponsors.Recorded, r => r.PlacementId == sponsorTurn.Sponsor.PlacementId && r.Kind == SponsoredEventKind.Impression && r.ViewerId == viewer);
        var asked = engine.Sponsors.Asked.Last(a => a.SessionId == snapshot.SessionId);
        Assert.Equal(("quiz", "everyone"), (asked.PostKind, asked.AgeRating));
        Assert.Contains(FakeSponsors.Tag, asked.Tags);

        // A resume replays the sponsored event as it was sent.
        var replay = Assert.Single(await ReadAsync(session, viewer, sponsored.Seq - 1, receipt.ReplyTurnSeq));
        Assert.Equal((sponsored.Seq, sponsored.Kind, sponsored.Text, sponsored.TurnSeq, sponsored.Sponsor.PlacementId),
            (replay.Seq, replay.Kind, replay.Text, replay.TurnSeq, replay.Sponsor!.PlacementId));

        // A typed message right after it is the post's (only a tapped prompt goes to the brand: SponsorReplyTests): its
        // persona is not shown the brand's words, and no second ad comes so soon.
        var (_, toPost) = await SendAsync(session, viewer, "Answer 4");
        Assert.Equal(SessionRole.Post, toPost.Single(e => e.Kind == SessionEventKind.Turn).Role);
        Assert.DoesNotContain(engine.Model.PromptFor("Answer 4"), m => m.Text.Contains("StarGazer", StringComparison.Ordinal));
        var (_, next) = await SendAsync(session, viewer, "Answer 5");
        Assert.DoesNotContain(next, e => e.Kind == SessionEventKind.Sponsored);
        Assert.Equal(SessionRole.Post, next.Single(e => e.Kind == SessionEventKind.Turn).Role);
        Assert.DoesNotContain(engine.Model.PromptFor("Answer 5"), m => m.Text.Contains("StarGazer", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Send_postNotAdEligible_noSponsoredTurnAndTheAdSystemIsNotAsked()
    {
        var (viewer, session, snapshot) = await engine.StartAsync(AstronomyQuiz(adEligible: false));

        for (var i = 1; i <= 6; i++)
        {
            var (_, events) = await SendAsync(session, viewer, $"Reply {i}");
            Assert.DoesNotContain(events, e => e.Kind == SessionEventKind.Sponsored || e.Sponsored);
        }

        Assert.DoesNotContain(engine.Sponsors.Asked, a => a.SessionId == snapshot.SessionId);
        Assert.DoesNotContain(await engine.Turns.ListAsync(snapshot.SessionId), t => t.Role == TurnRole.Sponsor);
    }
}
