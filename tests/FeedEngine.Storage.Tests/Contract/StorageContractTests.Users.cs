namespace FeedEngine.Storage.Tests.Contract;

public abstract partial class StorageContractTests
{
    [SkippableFact]
    public async Task InsertAsync_newUser_roundTripsEveryFieldAtVersionOne()
    {
        var user = Samples.User();

        Assert.Equal(WriteOutcome.Ok, await Users.InsertAsync(user));

        Assert.Equal(1, user.Version);
        AssertSameDocument(user, await Users.FindAsync(user.Id));
        AssertSameDocument(user, await Users.FindByLoginKeyAsync(user.LoginKey));
    }

    [SkippableFact]
    public async Task InsertAsync_localTimeDates_readBackAsTheSameInstantInUtc()
    {
        var user = Samples.User();
        var instant = new DateTime(2024, 12, 31, 23, 59, 58, 125, DateTimeKind.Utc);
        user.CreatedAt = instant.ToLocalTime();
        user.UpdatedAt = DateTime.SpecifyKind(instant, DateTimeKind.Utc);

        await Users.InsertAsync(user);
        var found = await Users.FindAsync(user.Id);

        Assert.NotNull(found);
        Assert.Equal(DateTimeKind.Utc, found.CreatedAt.Kind);
        Assert.Equal(instant, found.CreatedAt);
        Assert.Equal(DateTimeKind.Utc, found.UpdatedAt.Kind);
        Assert.Equal(instant, found.UpdatedAt);
    }

    [SkippableFact]
    public async Task InsertAsync_loginKeyTaken_returnsDuplicateAndKeepsTheFirst()
    {
        var first = Samples.User();
        await Users.InsertAsync(first);
        var second = Samples.User(loginKey: first.LoginKey);
        second.DisplayName = "Someone else";

        Assert.Equal(WriteOutcome.Duplicate, await Users.InsertAsync(second));

        Assert.Equal(0, second.Version);
        Assert.Null(await Users.FindAsync(second.Id));
        AssertSameDocument(first, await Users.FindByLoginKeyAsync(first.LoginKey));
    }

    [SkippableFact]
    public async Task InsertAsync_userIdTaken_returnsDuplicateAndKeepsTheFirst()
    {
        var first = Samples.User();
        await Users.InsertAsync(first);
        var second = Samples.User();
        second.Id = first.Id;

        Assert.Equal(WriteOutcome.Duplicate, await Users.InsertAsync(second));

        AssertSameDocument(first, await Users.FindAsync(first.Id));
        Assert.Null(await Users.FindByLoginKeyAsync(second.LoginKey));
    }

    [SkippableFact]
    public async Task UpdateAsync_loginKeyTakenByAnotherUser_returnsDuplicateAndKeepsBoth()
    {
        var ada = Samples.User();
        var bob = Samples.User();
        await Users.InsertAsync(ada);
        await Users.InsertAsync(bob);
        var bobsKey = bob.LoginKey;
        bob.LoginKey = ada.LoginKey;

        Assert.Equal(WriteOutcome.Duplicate, await Users.UpdateAsync(bob));

        Assert.Equal(1, bob.Version);
        Assert.Equal(bobsKey, (await Users.FindAsync(bob.Id))?.LoginKey);
        Assert.Equal(ada.Id, (await Users.FindByLoginKeyAsync(ada.LoginKey))?.Id);
    }

    [SkippableFact]
    public async Task CountAsync_afterTwoInserts_countsTwoMore()
    {
        var before = await Users.CountAsync();

        await Users.InsertAsync(Samples.User());
        await Users.InsertAsync(Samples.User());

        Assert.Equal(before + 2, await Users.CountAsync());
    }

    [SkippableTheory]
    [InlineData("../../etc/passwd")]
    [InlineData("/etc/passwd")]
    [InlineData("..")]
    [InlineData("")]
    [InlineData("{\"$gt\":\"\"}")]
    [InlineData("a\\..\\..\\b")]
    public async Task FindAsync_hostileId_returnsNothing(string id)
    {
        await Users.InsertAsync(Samples.User());
        await Posts.InsertAsync(Samples.Post());

        Assert.Null(await Users.FindAsync(id));
        Assert.Null(await Users.FindByLoginKeyAsync(id));
        Assert.Null(await Posts.FindAsync(id));
        Assert.Null(await Posts.FindVersionAsync(id, 1));
        Assert.Null(await Sessions.FindAsync(id));
        Assert.Null(await Turns.FindByIdempotencyKeyAsync(id));
        Assert.Null(await States.FindAsync(id, id));
        Assert.Null(await Profiles.FindAsync(id));
        Assert.Null(await Images.FindAsync(id));
        Assert.Null(await Images.FindByHashAsync(id));
    }
}
