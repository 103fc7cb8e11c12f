namespace FeedEngine.Storage.Tests.Contract;

public abstract partial class StorageContractTests
{
    [SkippableFact]
    public async Task InsertAsync_session_roundTripsEveryFieldAtVersionOne()
    {
        var session = Samples.Session();

        Assert.Equal(WriteOutcome.Ok, await Sessions.InsertAsync(session));

        Assert.Equal(1, session.Version);
        AssertSameDocument(session, await Sessions.FindAsync(session.Id));
    }

    [SkippableFact]
    public async Task ReplaceEventsAsync_storedTurn_setsOnlyItsEventsAndLastEventSeq()
    {
        var sessionId = DocumentIds.New();
        var first = Samples.Turn(sessionId, 2);
        await Turns.AppendAsync(first);
        var retried = Samples.Turn(sessionId, 2, first.IdempotencyKey);
        retried.Text = "Not to be written";
        retried.Events = [.. first.Events.SkipLast(1), new TurnEvent { Seq = 27, Kind = TurnEventKind.Status, StatusCode = "saved", StatusMessage = "Saved." }, new TurnEvent { Seq = 28, Kind = TurnEventKind.Turn }];
        retried.LastEventSeq = 28;

        Assert.Equal(WriteOutcome.Ok, await Turns.ReplaceEventsAsync(retried));

        var stored = Assert.Single(await Turns.ListAsync(sessionId));
        Assert.Equal(first.Text, stored.Text);
        Assert.Equal(28, stored.LastEventSeq);
        Assert.Equal([20L, 21, 22, 23, 24, 27, 28], stored.Events.Select(e => e.Seq));
        Assert.Equal("saved", stored.Events[^2].StatusCode);
        first.Events = retried.Events;
        first.LastEventSeq = 28;
        AssertSameDocument(first, stored);
    }

    [SkippableFact]
    public async Task ReplaceEventsAsync_noSuchTurnOrAnotherKey_isNotFoundAndChangesNothing()
    {
        var sessionId = DocumentIds.New();
        var stored = Samples.Turn(sessionId, 1);
        await Turns.AppendAsync(stored);
        var otherKey = Samples.Turn(sessionId, 1);
        otherKey.Events = [];
        var missing = Samples.Turn(sessionId, 5);

        Assert.Equal(WriteOutcome.NotFound, await Turns.ReplaceEventsAsync(otherKey));
        Assert.Equal(WriteOutcome.NotFound, await Turns.ReplaceEventsAsync(missing));

        AssertSameDocument(stored, Assert.Single(await Turns.ListAsync(sessionId)));
    }

    [SkippableFact]
    public async Task ListByOwnerAsync_ownerWithSessions_returnsTheirsNewestFirstAndFiltersByPost()
    {
        var owner = DocumentIds.New();
        var postA = DocumentIds.New();
        var oldA = Samples.Session(owner, postA, Samples.At(-3));
        var newA = Samples.Session(owner, postA, Samples.At(-1));
        var onB = Samples.Session(owner, createdAt: Samples.At(-2));
        foreach (var s in new[] { oldA, Samples.Session(postId: postA), newA, onB }) await Sessions.InsertAsync(s);

        Assert.Equal([newA.Id, onB.Id, oldA.Id], (await Sessions.ListByOwnerAsync(owner)).Select(s => s.Id));
        Assert.Equal([newA.Id, oldA.Id], (await Sessions.ListByOwnerAsync(owner, postA)).Select(s => s.Id));
        Assert.Equal([newA.Id], (await Sessions.ListByOwnerAsync(owner, limit: 1)).Select(s => s.Id));
    }

    [SkippableFact]
    public async Task AppendAsync_turn_roundTripsEveryFieldUnderItsSequenceId()
    {
        var sessionId = DocumentIds.New();
        var turn = Samples.Turn(sessionId, 7);

        Assert.Equal(WriteOutcome.Ok, await Turns.AppendAsync(turn));

        Assert.Equal(TurnDocument.MakeId(sessionId, 7), turn.Id);
        var listed = await Turns.ListAsync(sessionId);
        AssertSameDocument(turn, Assert.Single(listed));
        AssertSameDocument(turn, await Turns.FindByIdempotencyKeyAsync(turn.IdempotencyKey));
    }

    [SkippableFact]
    public async Task AppendAsync_sequenceTaken_returnsDuplicateAndKeepsTheFirst()
    {
        var sessionId = DocumentIds.New();
        var first = Samples.Turn(sessionId, 1);
        await Turns.AppendAsync(first);
        var second = Samples.Turn(sessionId, 1);
        second.Text = "A different reply";

        Assert.Equal(WriteOutcome.Duplicate, await Turns.AppendAsync(second));

        AssertSameDocument(first, Assert.Single(await Turns.ListAsync(sessionId)));
        Assert.Null(await Turns.FindByIdempotencyKeyAsync(second.IdempotencyKey));
    }

    [SkippableFact]
    public async Task AppendAsync_idempotencyKeyTaken_returnsDuplicateAndKeepsTheFirst()
    {
        var sessionId = DocumentIds.New();
        var first = Samples.Turn(sessionId, 1);
        await Turns.AppendAsync(first);
        var retry = Samples.Turn(sessionId, 2, first.IdempotencyKey);

        Assert.Equal(WriteOutcome.Duplicate, await Turns.AppendAsync(retry));

        AssertSameDocument(first, Assert.Single(await Turns.ListAsync(sessionId)));
        AssertSameDocument(first, await Turns.FindByIdempotencyKeyAsync(first.IdempotencyKey));
    }

    [SkippableFact]
    public async Task ListAsync_afterSeqAndLimit_returnsLaterTurnsInNumericOrder()
    {
        var sessionId = DocumentIds.New();
        foreach (var seq in new long[] { 3, 100, 1, 10, 2, 20 }) Assert.Equal(WriteOutcome.Ok, await Turns.AppendAsync(Samples.Turn(sessionId, seq)));
        await Turns.AppendAsync(Samples.Turn(DocumentIds.New(), 4));

        Assert.Equal([1L, 2, 3, 10, 20, 100], (await Turns.ListAsync(sessionId)).Select(t => t.Seq));
        Assert.Equal([3L, 10, 20, 100], (await Turns.ListAsync(sessionId, afterSeq: 2)).Select(t => t.Seq));
        Assert.Equal([3L, 10], (await Turns.ListAsync(sessionId, afterSeq: 2, limit: 2)).Select(t => t.Seq));
        Assert.Empty(await Turns.ListAsync(sessionId, afterSeq: 100));
        Assert.Empty(await Turns.ListAsync(DocumentIds.New()));
    }

    [SkippableFact]
    public async Task ListFromEventAsync_afterAnEvent_returnsTheTurnsCarryingLaterEventsInOrder()
    {
        var sessionId = DocumentIds.New();
        // Turn n carries events 10n..10n+7 (see Samples.Turn).
        foreach (var seq in new long[] { 3, 1, 4, 2 }) Assert.Equal(WriteOutcome.Ok, await Turns.AppendAsync(Samples.Turn(sessionId, seq)));
        await Turns.AppendAsync(Samples.Turn(DocumentIds.New(), 5));

        Assert.Equal([1L, 2, 3, 4], (await Turns.ListFromEventAsync(sessionId, 0)).Select(t => t.Seq));
        Assert.Equal([2L, 3, 4], (await Turns.ListFromEventAsync(sessionId, 17)).Select(t => t.Seq));
        Assert.Equal([2L, 3, 4], (await Turns.ListFromEventAsync(sessionId, 20)).Select(t => t.Seq));
        Assert.Equal([3L], (await Turns.ListFromEventAsync(sessionId, 27, limit: 1)).Select(t => t.Seq));
        Assert.Empty(await Turns.ListFromEventAsync(sessionId, 47));
        var first = (await Turns.ListFromEventAsync(sessionId, 0))[0];
        Assert.Equal([TurnEventKind.Token, TurnEventKind.Token, TurnEventKind.State, TurnEventKind.Image, TurnEventKind.Status, TurnEventKind.Turn],
            first.Events.Select(e => e.Kind));
    }
}
