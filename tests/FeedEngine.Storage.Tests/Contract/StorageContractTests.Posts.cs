namespace FeedEngine.Storage.Tests.Contract;

public abstract partial class StorageContractTests
{
    [SkippableFact]
    public async Task InsertAsync_postWithLoreAndStateSchema_roundTripsEveryField()
    {
        var post = Samples.Post();
        post.Published = Samples.Content("An older card", AgeRating.Mature);
        post.PublishedVersion = 4;
        post.PublishedAt = Samples.At(-100);
        post.Status = PostStatus.Archived;

        Assert.Equal(WriteOutcome.Ok, await Posts.InsertAsync(post));

        Assert.Equal(1, post.Version);
        AssertSameDocument(post, await Posts.FindAsync(post.Id));
    }

    [SkippableFact]
    public async Task InsertAsync_postIdTaken_returnsDuplicateAndKeepsTheFirst()
    {
        var first = Samples.Post();
        await Posts.InsertAsync(first);
        var second = Samples.Post();
        second.Id = first.Id;

        Assert.Equal(WriteOutcome.Duplicate, await Posts.InsertAsync(second));

        AssertSameDocument(first, await Posts.FindAsync(first.Id));
    }

    [SkippableFact]
    public async Task PublishAsync_twice_numbersTheVersionsOneAndTwo()
    {
        var post = Samples.Post();
        await Posts.InsertAsync(post);

        var first = await Posts.PublishAsync(post, DocumentIds.New(), Samples.At(1));
        post.Draft.Title = "The Lighthouse Keeper, part two";
        Assert.Equal(WriteOutcome.Ok, await Posts.UpdateAsync(post));
        var second = await Posts.PublishAsync(post, DocumentIds.New(), Samples.At(2));

        Assert.Equal(new PublishResult(WriteOutcome.Ok, 1), first);
        Assert.Equal(new PublishResult(WriteOutcome.Ok, 2), second);
        var stored = await Posts.FindAsync(post.Id);
        AssertSameDocument(post, stored);
        Assert.Equal(PostStatus.Published, stored!.Status);
        Assert.Equal(2, stored.PublishedVersion);
        Assert.Equal(Samples.At(2), stored.PublishedAt);
        Assert.Equal("The Lighthouse Keeper, part two", stored.Published?.Title);

        var v1 = await Posts.FindVersionAsync(post.Id, 1);
        var v2 = await Posts.FindVersionAsync(post.Id, 2);
        Assert.Equal("The Lighthouse Keeper", v1?.Content.Title);
        Assert.Equal(Samples.At(1), v1?.PublishedAt);
        AssertSameDocument(stored.Published, v2?.Content);
        Assert.Equal(PostVersionDocument.MakeId(post.Id, 2), v2?.Id);
        Assert.Equal(post.Id, v2?.PostId);
        Assert.Equal(2, v2?.Number);
        Assert.Null(await Posts.FindVersionAsync(post.Id, 3));
    }

    [SkippableFact]
    public async Task PublishAsync_draftEditedAfterwards_leavesVersionOneAndThePublishedCardAsPublished()
    {
        var post = Samples.Post();
        await Posts.InsertAsync(post);
        var published = Copy(post.Draft);
        await Posts.PublishAsync(post, DocumentIds.New(), Samples.At(1));

        // Edit the draft in place, as an editor holding the post object would.
        post.Draft.Title = "Rewritten";
        post.Draft.Lore[0].Content = "The storm is over.";
        post.Draft.StateSchema.Add(new StateVariable { Name = "gold", Type = StateVariableType.Int });
        Assert.Equal(WriteOutcome.Ok, await Posts.UpdateAsync(post));

        var version = await Posts.FindVersionAsync(post.Id, 1);
        AssertSameDocument(published, version?.Content);
        var stored = await Posts.FindAsync(post.Id);
        AssertSameDocument(published, stored?.Published);
        Assert.Equal("Rewritten", stored?.Draft.Title);
        Assert.Equal(1, stored?.PublishedVersion);
    }

    [SkippableFact]
    public async Task PublishAsync_sameIdempotencyKeyTwice_returnsDuplicateWithTheFirstVersion()
    {
        var post = Samples.Post();
        await Posts.InsertAsync(post);
        var staleCopy = await Posts.FindAsync(post.Id);
        var key = DocumentIds.New();

        var first = await Posts.PublishAsync(post, key, Samples.At(1));
        var retryWithFreshPost = await Posts.PublishAsync((await Posts.FindAsync(post.Id))!, key, Samples.At(2));
        var retryWithStalePost = await Posts.PublishAsync(staleCopy!, key, Samples.At(3));

        Assert.Equal(new PublishResult(WriteOutcome.Ok, 1), first);
        Assert.Equal(new PublishResult(WriteOutcome.Duplicate, 1), retryWithFreshPost);
        Assert.Equal(new PublishResult(WriteOutcome.Duplicate, 1), retryWithStalePost);
        var stored = await Posts.FindAsync(post.Id);
        Assert.Equal(1, stored?.PublishedVersion);
        Assert.Equal(Samples.At(1), stored?.PublishedAt);
        Assert.Equal(2, stored?.Version);
        Assert.Null(await Posts.FindVersionAsync(post.Id, 2));
    }

    [SkippableFact]
    public async Task PublishAsync_postChangedSinceRead_returnsConflictAndPublishesNothing()
    {
        var post = Samples.Post();
        await Posts.InsertAsync(post);
        var stale = (await Posts.FindAsync(post.Id))!;
        post.Draft.Title = "Edited meanwhile";
        await Posts.UpdateAsync(post);
        var key = DocumentIds.New();

        var result = await Posts.PublishAsync(stale, key, Samples.At(1));

        Assert.Equal(new PublishResult(WriteOutcome.Conflict, 0), result);
        Assert.Equal(1, stale.Version);
        Assert.Equal(0, stale.PublishedVersion);
        Assert.Null(await Posts.FindVersionAsync(post.Id, 1));
        var stored = await Posts.FindAsync(post.Id);
        Assert.Equal(PostStatus.Draft, stored?.Status);
        Assert.Null(stored?.Published);

        // The refused request left nothing behind: the same key publishes once the editor has re-read the post.
        Assert.Equal(new PublishResult(WriteOutcome.Ok, 1), await Posts.PublishAsync(stored!, key, Samples.At(2)));
        Assert.Equal("Edited meanwhile", (await Posts.FindVersionAsync(post.Id, 1))?.Content.Title);
    }

    [SkippableFact]
    public async Task PublishAsync_missingPost_returnsNotFoundAndStoresNoVersion()
    {
        var ghost = Samples.Post();
        ghost.Version = 1;

        var result = await Posts.PublishAsync(ghost, DocumentIds.New(), Samples.At(1));

        Assert.Equal(WriteOutcome.NotFound, result.Outcome);
        Assert.Null(await Posts.FindVersionAsync(ghost.Id, 1));
        Assert.Null(await Posts.FindAsync(ghost.Id));
    }

    [SkippableFact]
    public async Task RestoreAsync_earlierVersion_republishesItsContentAsTheNextVersionAndKeepsTheDraft()
    {
        var post = Samples.Post();
        await Posts.InsertAsync(post);
        var first = Copy(post.Draft);
        await Posts.PublishAsync(post, DocumentIds.New(), Samples.At(1));
        post.Draft.Title = "Second take";
        post.Draft.Lore.RemoveAt(1);
        await Posts.UpdateAsync(post);
        await Posts.PublishAsync(post, DocumentIds.New(), Samples.At(2));
        post.Draft.Title = "Work in progress";
        await Posts.UpdateAsync(post);
        var key = DocumentIds.New();

        var result = await Posts.RestoreAsync(post, 1, key, Samples.At(3));

        Assert.Equal(new PublishResult(WriteOutcome.Ok, 3), result);
        var stored = await Posts.FindAsync(post.Id);
        AssertSameDocument(first, stored?.Published);
        Assert.Equal(3, stored?.PublishedVersion);
        Assert.Equal(Samples.At(3), stored?.PublishedAt);
        Assert.Equal(PostStatus.Published, stored?.Status);
        Assert.Equal("Work in progress", stored?.Draft.Title);
        var v3 = await Posts.FindVersionAsync(post.Id, 3);
        AssertSameDocument(first, v3?.Content);
        Assert.Equal(1, v3?.RestoredFrom);
        Assert.Null((await Posts.FindVersionAsync(post.Id, 2))?.RestoredFrom);
        Assert.Equal("Second take", (await Posts.FindVersionAsync(post.Id, 2))?.Content.Title);

        // A retry with the same key changes nothing.
        Assert.Equal(new PublishResult(WriteOutcome.Duplicate, 3), await Posts.RestoreAsync(stored!, 1, key, Samples.At(4)));
        Assert.Null(await Posts.FindVersionAsync(post.Id, 4));
    }

    [SkippableFact]
    public async Task RestoreAsync_missingVersionOrStalePost_publishesNothing()
    {
        var post = Samples.Post();
        await Posts.InsertAsync(post);
        await Posts.PublishAsync(post, DocumentIds.New(), Samples.At(1));
        var stale = (await Posts.FindAsync(post.Id))!;
        post.Draft.Title = "Edited meanwhile";
        await Posts.UpdateAsync(post);

        Assert.Equal(WriteOutcome.NotFound, (await Posts.RestoreAsync(post, 7, DocumentIds.New(), Samples.At(2))).Outcome);
        Assert.Equal(new PublishResult(WriteOutcome.Conflict, 1), await Posts.RestoreAsync(stale, 1, DocumentIds.New(), Samples.At(3)));

        Assert.Null(await Posts.FindVersionAsync(post.Id, 2));
        Assert.Equal(1, (await Posts.FindAsync(post.Id))?.PublishedVersion);
    }

    [SkippableFact]
    public async Task ListVersionsAsync_threeVersions_newestFirstOnlyThisPosts()
    {
        var post = Samples.Post();
        var other = Samples.Post();
        await Posts.InsertAsync(post);
        await Posts.InsertAsync(other);
        await Posts.PublishAsync(other, DocumentIds.New(), Samples.At(1));
        for (var i = 1; i <= 3; i++)
        {
            post.Draft.Title = $"Take {i}";
            Assert.Equal(WriteOutcome.Ok, await Posts.UpdateAsync(post));
            Assert.Equal(WriteOutcome.Ok, (await Posts.PublishAsync(post, DocumentIds.New(), Samples.At(i))).Outcome);
        }

        var versions = await Posts.ListVersionsAsync(post.Id);

        Assert.Equal([3, 2, 1], versions.Select(v => v.Number));
        Assert.Equal(["Take 3", "Take 2", "Take 1"], versions.Select(v => v.Content.Title));
        Assert.All(versions, v => Assert.Equal(post.Id, v.PostId));
        Assert.Empty(await Posts.ListVersionsAsync(DocumentIds.New()));
    }

    [SkippableFact]
    public async Task ListByCreatorAsync_creatorWithPosts_returnsOnlyTheirsLatestUpdateFirst()
    {
        var creatorId = DocumentIds.New();
        var older = Samples.Post(creatorId);
        older.UpdatedAt = Samples.At(-5);
        var newer = Samples.Post(creatorId);
        newer.UpdatedAt = Samples.At(5);
        var someoneElses = Samples.Post();
        foreach (var p in new[] { older, someoneElses, newer }) await Posts.InsertAsync(p);

        var listed = await Posts.ListByCreatorAsync(creatorId);

        Assert.Equal([newer.Id, older.Id], listed.Select(p => p.Id));
        AssertSameDocument(newer, listed[0]);
    }

    [SkippableFact]
    public async Task CountAsync_afterAnInsert_countsOneMore()
    {
        var before = await Posts.CountAsync();

        await Posts.InsertAsync(Samples.Post());

        Assert.Equal(before + 1, await Posts.CountAsync());
    }
}
