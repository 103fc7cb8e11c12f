namespace FeedEngine.Storage.Tests.Contract;

public abstract partial class StorageContractTests
{
    static MemoryFactDocument Fact(string viewerId, long turnSeq, double minutes, string text = "Their dog is called Biscuit.") => new()
    {
        Id = MemoryFactDocument.MakeId(viewerId, "session", turnSeq, 0),
        ViewerId = viewerId,
        Scope = MemoryScope.ViewerOnPost,
        PostId = DocumentIds.New(),
        Text = text,
        SourceSessionId = "session",
        SourceTurnSeq = turnSeq,
        SourceText = "my dog is called Biscuit",
        Embedding = [0.25f, -0.5f, 0.125f],
        CreatedAt = Samples.At(minutes),
    };

    [SkippableFact]
    public async Task InsertAsync_memoryFact_roundTripsEveryFieldAndRefusesTheSameIdTwice()
    {
        var viewerId = DocumentIds.New();
        var fact = Fact(viewerId, 3, 0);

        Assert.Equal(WriteOutcome.Ok, await Memory.InsertAsync(fact));
        Assert.Equal(WriteOutcome.Duplicate, await Memory.InsertAsync(Fact(viewerId, 3, 1, "Something else.")));

        AssertSameDocument(fact, Assert.Single(await Memory.ListAsync(viewerId)));
    }

    [SkippableFact]
    public async Task ListAsync_memoryFacts_returnsOnlyTheViewersNewestFirst()
    {
        var viewerId = DocumentIds.New();
        foreach (var (seq, at) in new[] { (1L, -3.0), (2L, -1.0), (3L, -2.0) }) await Memory.InsertAsync(Fact(viewerId, seq, at));
        await Memory.InsertAsync(Fact(DocumentIds.New(), 1, 0));

        Assert.Equal([2L, 3, 1], (await Memory.ListAsync(viewerId)).Select(f => f.SourceTurnSeq));
        Assert.Equal([2L], (await Memory.ListAsync(viewerId, limit: 1)).Select(f => f.SourceTurnSeq));
    }

    [SkippableFact]
    public async Task DeleteAsync_memoryFact_deletesOnlyTheOwnersFact()
    {
        var viewerId = DocumentIds.New();
        var other = DocumentIds.New();
        var fact = Fact(viewerId, 1, 0);
        await Memory.InsertAsync(fact);
        await Memory.InsertAsync(Fact(viewerId, 2, 0));

        Assert.False(await Memory.DeleteAsync(other, fact.Id));
        Assert.Equal(2, (await Memory.ListAsync(viewerId)).Count);
        Assert.True(await Memory.DeleteAsync(viewerId, fact.Id));
        Assert.False(await Memory.DeleteAsync(viewerId, fact.Id));
        Assert.Equal([2L], (await Memory.ListAsync(viewerId)).Select(f => f.SourceTurnSeq));
    }

    [SkippableFact]
    public async Task DeleteAllAsync_memoryFacts_deletesEveryFactOfTheViewerAndNoOneElses()
    {
        var viewerId = DocumentIds.New();
        var other = DocumentIds.New();
        for (var seq = 1; seq <= 3; seq++) await Memory.InsertAsync(Fact(viewerId, seq, 0));
        await Memory.InsertAsync(Fact(other, 1, 0));

        Assert.Equal(3, await Memory.DeleteAllAsync(viewerId));

        Assert.Empty(await Memory.ListAsync(viewerId));
        Assert.Single(await Memory.ListAsync(other));
        Assert.Equal(0, await Memory.DeleteAllAsync(viewerId));
    }
}
