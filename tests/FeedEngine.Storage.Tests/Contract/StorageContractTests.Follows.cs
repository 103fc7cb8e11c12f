namespace FeedEngine.Storage.Tests.Contract;

public abstract partial class StorageContractTests
{
    [SkippableFact]
    public async Task CountFollowersAsync_countsOnlyProfilesFollowingThatCreator()
    {
        var creator = DocumentIds.New();
        var other = DocumentIds.New();
        var a = Samples.Profile();
        a.FollowedCreatorIds = [other, creator];
        var b = Samples.Profile();
        b.FollowedCreatorIds = [creator];
        var c = Samples.Profile();
        c.FollowedCreatorIds = [other];
        foreach (var profile in new[] { a, b, c }) await Profiles.SaveAsync(profile);

        Assert.Equal(2, await Profiles.CountFollowersAsync(creator));
        Assert.Equal(2, await Profiles.CountFollowersAsync(other));
        Assert.Equal(0, await Profiles.CountFollowersAsync(DocumentIds.New()));

        b.FollowedCreatorIds = [];
        await Profiles.SaveAsync(b);
        Assert.Equal(1, await Profiles.CountFollowersAsync(creator));
    }
}
