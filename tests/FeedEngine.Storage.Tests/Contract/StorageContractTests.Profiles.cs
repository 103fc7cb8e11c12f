namespace FeedEngine.Storage.Tests.Contract;

public abstract partial class StorageContractTests
{
    [SkippableFact]
    public async Task SaveAsync_newState_insertsPerViewerAtVersionOne()
    {
        var postId = DocumentIds.New();
        var mine = Samples.State(postId: postId);
        var yours = Samples.State(postId: postId);
        yours.ValuesJson = "{\"health\":5}";

        Assert.Equal(WriteOutcome.Ok, await States.SaveAsync(mine));
        Assert.Equal(WriteOutcome.Ok, await States.SaveAsync(yours));

        Assert.Equal(PostStateDocument.MakeId(mine.ViewerId, postId), mine.Id);
        Assert.Equal(1, mine.Version);
        AssertSameDocument(mine, await States.FindAsync(mine.ViewerId, postId));
        AssertSameDocument(yours, await States.FindAsync(yours.ViewerId, postId));
        Assert.Null(await States.FindAsync(mine.ViewerId, DocumentIds.New()));
    }

    [SkippableFact]
    public async Task SaveAsync_secondInsertOfTheSameState_returnsDuplicateAndKeepsTheFirst()
    {
        var first = Samples.State();
        await States.SaveAsync(first);
        var second = Samples.State(first.ViewerId, first.PostId);
        second.ValuesJson = "{\"health\":1}";

        Assert.Equal(WriteOutcome.Duplicate, await States.SaveAsync(second));

        Assert.Equal(0, second.Version);
        AssertSameDocument(first, await States.FindAsync(first.ViewerId, first.PostId));
    }

    [SkippableFact]
    public async Task SaveAsync_newProfile_roundTripsEveryFieldAtVersionOne()
    {
        var profile = Samples.Profile();

        Assert.Equal(WriteOutcome.Ok, await Profiles.SaveAsync(profile));

        Assert.Equal(1, profile.Version);
        AssertSameDocument(profile, await Profiles.FindAsync(profile.Id));
    }

    [SkippableFact]
    public async Task SaveAsync_secondInsertOfTheSameProfile_returnsDuplicateAndKeepsTheFirst()
    {
        var first = Samples.Profile();
        await Profiles.SaveAsync(first);
        var second = Samples.Profile();
        second.Id = first.Id;

        Assert.Equal(WriteOutcome.Duplicate, await Profiles.SaveAsync(second));

        Assert.Equal(0, second.Version);
        AssertSameDocument(first, await Profiles.FindAsync(first.Id));
    }
}
