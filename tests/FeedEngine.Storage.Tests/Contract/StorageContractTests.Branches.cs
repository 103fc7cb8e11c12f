namespace FeedEngine.Storage.Tests.Contract;

public abstract partial class StorageContractTests
{
    static TurnDocument OnBranch(string sessionId, long seq, string branchId)
    {
        var turn = Samples.Turn(sessionId, seq);
        turn.BranchId = branchId;
        return turn;
    }

    [SkippableFact]
    public async Task ListBranchAsync_turnsOnSeveralBranches_returnsTheNewestOfOneBranchUpToASeqOldestFirst()
    {
        var sessionId = DocumentIds.New();
        foreach (var (seq, branch) in new[] { (1L, "main"), (2L, "main"), (3L, "main"), (4L, "b1"), (5L, "b1"), (6L, "main"), (7L, "b2"), (8L, "b1") })
            Assert.Equal(WriteOutcome.Ok, await Turns.AppendAsync(OnBranch(sessionId, seq, branch)));
        await Turns.AppendAsync(OnBranch(DocumentIds.New(), 9, "b1"));

        Assert.Equal([1L, 2, 3, 6], (await Turns.ListBranchAsync(sessionId, "main", long.MaxValue, 10)).Select(t => t.Seq));
        Assert.Equal([4L, 5, 8], (await Turns.ListBranchAsync(sessionId, "b1", long.MaxValue, 10)).Select(t => t.Seq));
        Assert.Equal([5L, 8], (await Turns.ListBranchAsync(sessionId, "b1", long.MaxValue, 2)).Select(t => t.Seq));
        Assert.Equal([2L, 3], (await Turns.ListBranchAsync(sessionId, "main", 5, 2)).Select(t => t.Seq));
        Assert.Empty(await Turns.ListBranchAsync(sessionId, "b3", long.MaxValue, 10));
        Assert.Equal("b2", Assert.Single(await Turns.ListBranchAsync(sessionId, "b2", 7, 10)).BranchId);
    }

    [SkippableFact]
    public async Task AppendAsync_sameSeqOnAnotherBranch_isADuplicateAndKeepsTheFirst()
    {
        var sessionId = DocumentIds.New();
        var first = OnBranch(sessionId, 3, "main");
        await Turns.AppendAsync(first);

        Assert.Equal(WriteOutcome.Duplicate, await Turns.AppendAsync(OnBranch(sessionId, 3, "b1")));

        Assert.Empty(await Turns.ListBranchAsync(sessionId, "b1", long.MaxValue, 10));
        AssertSameDocument(first, Assert.Single(await Turns.ListBranchAsync(sessionId, "main", long.MaxValue, 10)));
    }

    [SkippableFact]
    public async Task FindByRoomCodeAsync_sharedSession_findsItAndNothingForOtherCodes()
    {
        var shared = Samples.Session();
        await Sessions.InsertAsync(shared);
        var unshared = Samples.Session();
        unshared.RoomCode = null;
        await Sessions.InsertAsync(unshared);

        AssertSameDocument(shared, await Sessions.FindByRoomCodeAsync(shared.RoomCode!));
        Assert.Null(await Sessions.FindByRoomCodeAsync(DocumentIds.New()));
        Assert.Null(await Sessions.FindByRoomCodeAsync(""));
    }
}
