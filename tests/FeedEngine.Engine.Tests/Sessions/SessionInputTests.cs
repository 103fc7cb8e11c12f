using FeedEngine.Storage;
using static FeedEngine.Engine.Tests.Sessions.EngineCluster;

namespace FeedEngine.Engine.Tests.Sessions;

/// <summary>Every refused call says what to do, and leaves the stored session as it was.</summary>
[Collection(EngineClusterCollection.Name)]
public sealed class SessionInputTests(EngineCluster engine)
{
    async Task AssertUnchangedAsync(string sessionId, int turns, long lastEventSeq)
    {
        Assert.Equal(turns, (await engine.Turns.ListAsync(sessionId)).Count);
        var document = await engine.Sessions.FindAsync(sessionId);
        Assert.Equal(lastEventSeq, document!.LastEventSeq);
    }

    public static TheoryData<string, string> BadMessages() => new()
    {
        { "", "1 to 2000 characters" },
        { "   \n\t ", "1 to 2000 characters" },
        { new string('a', SessionLimits.MaxMessageLength + 1), "1 to 2000 characters" },
    };

    [Theory, MemberData(nameof(BadMessages))]
    public async Task Send_emptyOrOverlongMessage_isRefusedAndChangesNothing(string text, string expected)
    {
        var (viewer, session, snapshot) = await engine.StartAsync();
        var (_, events) = await SendAsync(session, viewer, "Hello.");

        var outcome = await session.SendAsync(Message(viewer, text));

        Assert.Equal(SessionRejectionReason.InvalidInput, outcome.Rejection?.Reason);
        Assert.Contains(expected, outcome.Rejection!.Message, StringComparison.Ordinal);
        await AssertUnchangedAsync(snapshot.SessionId, 2, events[^1].Seq);
    }

    [Fact]
    public async Task Send_tooManyOrForeignImages_isRefused()
    {
        var (viewer, session, snapshot) = await engine.StartAsync();

        var tooMany = await session.SendAsync(Message(viewer, "Look.") with { ImageIds = ["a", "b", "c", "d", "e"] });
        var unknown = await session.SendAsync(Message(viewer, "Look.") with { ImageIds = ["no-such-image"] });

        Assert.Contains("at most 4 images", tooMany.Rejection?.Message, StringComparison.Ordinal);
        Assert.Contains("not one of your uploads", unknown.Rejection?.Message, StringComparison.Ordinal);
        await AssertUnchangedAsync(snapshot.SessionId, 0, 0);
    }

    [Fact]
    public async Task AnotherViewersSession_looksLikeNoSessionAndChangesNothing()
    {
        var (owner, session, snapshot) = await engine.StartAsync();
        engine.Model.Reply("Long one.", new Script(["a ", "b "], TimeSpan.FromMilliseconds(5), holdOpen: true));
        var receipt = Ok(await session.SendAsync(Message(owner, "Long one.")));
        const string intruder = "intruder";

        var outcomes = new List<SessionRejection?>
        {
            (await session.GetSnapshotAsync(intruder)).Rejection,
            (await session.SendAsync(Message(intruder, "Hi"))).Rejection,
            (await session.CheckReadAsync(intruder, 0)).Rejection,
            (await session.CancelAsync(intruder)).Rejection,
            (await session.CreateAsync(intruder, snapshot.PostId)).Rejection,
        };
        await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await foreach (var _ in session.ReadAsync(new SessionRead { ViewerId = intruder })) { }
        });

        Assert.All(outcomes, r => Assert.Equal(SessionRejectionReason.NotFound, r?.Reason));
        Assert.All(outcomes, r => Assert.Contains("no such session", r!.Message, StringComparison.Ordinal));
        Assert.True(Ok(await session.CancelAsync(owner)));
        var events = await ReadAsync(session, owner, receipt.AfterSeq, receipt.ReplyTurnSeq);
        Assert.Equal(SessionTurnStatus.Stopped, events[^1].TurnStatus);
        Assert.Equal(2, (await engine.Turns.ListAsync(snapshot.SessionId)).Count);
    }

    [Fact]
    public async Task UnknownSession_isRefusedAndNothingIsStored()
    {
        var session = engine.Grains.GetGrain<ISessionGrain>(DocumentIds.New());

        Assert.Equal(SessionRejectionReason.NotFound, (await session.GetSnapshotAsync("someone")).Rejection?.Reason);
        Assert.Equal(SessionRejectionReason.NotFound, (await session.SendAsync(Message("someone", "Hello"))).Rejection?.Reason);
        Assert.Equal(SessionRejectionReason.NotFound, (await session.CheckReadAsync("someone", 0)).Rejection?.Reason);
        Assert.Null(await engine.Sessions.FindAsync(session.GetPrimaryKeyString()));
    }

    [Fact]
    public async Task CheckRead_beyondTheLastEvent_isRefusedWithTheRange()
    {
        var (viewer, session, _) = await engine.StartAsync();
        engine.Model.Reply("Hello.", "Hi", " there");
        var (_, events) = await SendAsync(session, viewer, "Hello.");
        var last = events[^1].Seq;

        Assert.Equal(last, Ok(await session.CheckReadAsync(viewer, last)));
        var beyond = await session.CheckReadAsync(viewer, last + 1);
        var negative = await session.CheckReadAsync(viewer, -1);

        Assert.Contains($"from 1 to {last}", beyond.Rejection?.Message, StringComparison.Ordinal);
        Assert.Equal(SessionRejectionReason.InvalidInput, negative.Rejection?.Reason);
    }

    [Fact]
    public async Task Send_whileAnotherReplyRuns_isRefusedUntilItEnds()
    {
        var (viewer, session, snapshot) = await engine.StartAsync();
        engine.Model.Reply("First.", new Script(["x"], TimeSpan.FromMilliseconds(5), holdOpen: true));
        var first = Ok(await session.SendAsync(Message(viewer, "First.")));

        var second = await session.SendAsync(Message(viewer, "Second."));

        Assert.Equal(SessionRejectionReason.ReplyInProgress, second.Rejection?.Reason);
        Assert.Contains("cancel it", second.Rejection!.Message, StringComparison.Ordinal);
        Ok(await session.CancelAsync(viewer));
        await ReadAsync(session, viewer, first.AfterSeq, first.ReplyTurnSeq);
        Assert.Equal(2, (await engine.Turns.ListAsync(snapshot.SessionId)).Count);
        Assert.True((await session.SendAsync(Message(viewer, "Second."))).IsOk);
    }

    [Fact]
    public async Task Send_moreThanAllowedPerMinute_isRefusedWithARetryTime()
    {
        var (viewer, session, snapshot) = await engine.StartAsync();
        var last = 0L;
        for (var i = 0; i < SendsPerMinute; i++) last = (await SendAsync(session, viewer, $"Message {i}.")).Events[^1].Seq;

        var refused = await session.SendAsync(Message(viewer, "One too many."));

        Assert.Equal(SessionRejectionReason.RateLimited, refused.Rejection?.Reason);
        Assert.InRange(refused.Rejection!.RetryAfterSeconds ?? 0, 1, 60);
        Assert.Contains($"faster than {SendsPerMinute} a minute", refused.Rejection.Message, StringComparison.Ordinal);
        await AssertUnchangedAsync(snapshot.SessionId, 2 * SendsPerMinute, last);
    }
}
