namespace FeedEngine.Storage.Tests.Contract;

/// <summary>Optimistic concurrency, the same for every versioned repository.</summary>
public abstract partial class StorageContractTests
{
    /// <summary>One versioned repository, seen through what the versioned-update tests need.</summary>
    sealed record Versioned(
        Func<Task<IVersionedDocument>> InsertNewAsync,
        Func<IVersionedDocument, Task<IVersionedDocument?>> FindAsync,
        Func<IVersionedDocument, Task<WriteOutcome>> UpdateAsync,
        Func<IVersionedDocument> NeverInserted,
        Action<IVersionedDocument, string> SetText,
        Func<IVersionedDocument, string> GetText);

    public static TheoryData<string> VersionedRepositories => ["users", "posts", "sessions", "states", "profiles", "campaigns"];

    Versioned VersionedRepository(string name) => name switch
    {
        "users" => new(
            async () => { var u = Samples.User(); Assert.Equal(WriteOutcome.Ok, await Users.InsertAsync(u)); return u; },
            async d => await Users.FindAsync(d.Id),
            d => Users.UpdateAsync((UserDocument)d),
            () => Samples.User(),
            (d, text) => ((UserDocument)d).DisplayName = text,
            d => ((UserDocument)d).DisplayName),
        "posts" => new(
            async () => { var p = Samples.Post(); Assert.Equal(WriteOutcome.Ok, await Posts.InsertAsync(p)); return p; },
            async d => await Posts.FindAsync(d.Id),
            d => Posts.UpdateAsync((PostDocument)d),
            () => Samples.Post(),
            (d, text) => ((PostDocument)d).Draft.Title = text,
            d => ((PostDocument)d).Draft.Title),
        "sessions" => new(
            async () => { var s = Samples.Session(); Assert.Equal(WriteOutcome.Ok, await Sessions.InsertAsync(s)); return s; },
            async d => await Sessions.FindAsync(d.Id),
            d => Sessions.UpdateAsync((SessionDocument)d),
            () => Samples.Session(),
            (d, text) => ((SessionDocument)d).Greeting = text,
            d => ((SessionDocument)d).Greeting),
        "states" => new(
            async () => { var s = Samples.State(); Assert.Equal(WriteOutcome.Ok, await States.SaveAsync(s)); return s; },
            async d => await States.FindAsync(((PostStateDocument)d).ViewerId, ((PostStateDocument)d).PostId),
            d => States.SaveAsync((PostStateDocument)d),
            () => Samples.State(),
            (d, text) => ((PostStateDocument)d).ValuesJson = $"{{\"note\":\"{text}\"}}",
            d => ((PostStateDocument)d).ValuesJson),
        "profiles" => new(
            async () => { var p = Samples.Profile(); Assert.Equal(WriteOutcome.Ok, await Profiles.SaveAsync(p)); return p; },
            async d => await Profiles.FindAsync(d.Id),
            d => Profiles.SaveAsync((ViewerProfileDocument)d),
            () => Samples.Profile(),
            (d, text) => ((ViewerProfileDocument)d).Interests = [text],
            d => string.Join(",", ((ViewerProfileDocument)d).Interests)),
        "campaigns" => new(
            async () => { var c = Samples.Campaign(); Assert.Equal(WriteOutcome.Ok, await Campaigns.InsertAsync(c)); return c; },
            async d => await Campaigns.FindAsync(d.Id),
            d => Campaigns.UpdateAsync((CampaignDocument)d),
            () => Samples.Campaign(),
            (d, text) => ((CampaignDocument)d).Creative.Headline = text,
            d => ((CampaignDocument)d).Creative.Headline),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [SkippableTheory]
    [MemberData(nameof(VersionedRepositories))]
    public async Task UpdateAsync_currentVersion_writesAndMovesToTheNextVersion(string repository)
    {
        var repo = VersionedRepository(repository);
        var document = await repo.InsertNewAsync();
        Assert.Equal(1, document.Version);
        repo.SetText(document, "changed once");

        Assert.Equal(WriteOutcome.Ok, await repo.UpdateAsync(document));

        Assert.Equal(2, document.Version);
        var stored = await repo.FindAsync(document);
        Assert.NotNull(stored);
        Assert.Equal(2, stored.Version);
        Assert.Equal(repo.GetText(document), repo.GetText(stored));
        AssertSameDocument((object)document, stored);
    }

    [SkippableTheory]
    [MemberData(nameof(VersionedRepositories))]
    public async Task UpdateAsync_staleVersion_returnsConflictAndKeepsTheWinner(string repository)
    {
        var repo = VersionedRepository(repository);
        var inserted = await repo.InsertNewAsync();
        var first = (await repo.FindAsync(inserted))!;
        var second = (await repo.FindAsync(inserted))!;
        repo.SetText(first, "first writer");
        repo.SetText(second, "second writer");

        Assert.Equal(WriteOutcome.Ok, await repo.UpdateAsync(first));
        Assert.Equal(WriteOutcome.Conflict, await repo.UpdateAsync(second));

        Assert.Equal(1, second.Version);
        var stored = (await repo.FindAsync(inserted))!;
        Assert.Equal(2, stored.Version);
        Assert.Equal(repo.GetText(first), repo.GetText(stored));
    }

    [SkippableTheory]
    [MemberData(nameof(VersionedRepositories))]
    public async Task UpdateAsync_missingDocument_returnsNotFoundAndCreatesNothing(string repository)
    {
        var repo = VersionedRepository(repository);
        await repo.InsertNewAsync();
        var ghost = repo.NeverInserted();
        ghost.Version = 1;

        Assert.Equal(WriteOutcome.NotFound, await repo.UpdateAsync(ghost));

        Assert.Equal(1, ghost.Version);
        Assert.Null(await repo.FindAsync(ghost));
    }
}
