namespace FeedEngine.Storage.Tests.Contract;

/// <remarks>
/// Feed tests publish in their own time window, far after every other test's dates, and read the feed from the
/// window's end, so the posts of the other tests in the class never enter their pages.
/// </remarks>
public abstract partial class StorageContractTests
{
    async Task<PostDocument> PublishedPostAsync(DateTime publishedAt, AgeRating rating = AgeRating.Everyone, string? id = null,
        PostVisibility visibility = PostVisibility.Public)
    {
        var post = Samples.Post();
        if (id is not null) post.Id = id;
        post.Draft.AgeRating = rating;
        post.Draft.Visibility = visibility;
        Assert.Equal(WriteOutcome.Ok, await Posts.InsertAsync(post));
        Assert.Equal(WriteOutcome.Ok, (await Posts.PublishAsync(post, DocumentIds.New(), publishedAt)).Outcome);
        return post;
    }

    [SkippableFact]
    public async Task ListPublishedAsync_firstPage_returnsPublicPublishedPostsNewestFirstWithoutDraftsUnpublishedArchivedUnlistedOrPrivate()
    {
        // The latest dates of the suite: this page starts at the top of the feed.
        var t = new DateTime(9000, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var oldest = await PublishedPostAsync(t.AddMinutes(1));
        var newest = await PublishedPostAsync(t.AddMinutes(3));
        var middle = await PublishedPostAsync(t.AddMinutes(2));
        await Posts.InsertAsync(Samples.Post());
        var archived = await PublishedPostAsync(t.AddMinutes(4));
        archived.Status = PostStatus.Archived;
        Assert.Equal(WriteOutcome.Ok, await Posts.UpdateAsync(archived));
        var unpublished = await PublishedPostAsync(t.AddMinutes(5));
        unpublished.Status = PostStatus.Unpublished;
        Assert.Equal(WriteOutcome.Ok, await Posts.UpdateAsync(unpublished));
        await PublishedPostAsync(t.AddMinutes(6), visibility: PostVisibility.Unlisted);
        await PublishedPostAsync(t.AddMinutes(7), visibility: PostVisibility.Private);

        var page = await Posts.ListPublishedAsync(new FeedPageQuery(Limit: 3));

        Assert.Equal([newest.Id, middle.Id, oldest.Id], page.Select(p => p.Id));
        AssertSameDocument(newest, page[0]);
    }

    [SkippableFact]
    public async Task ListPublishedAsync_pagesAcrossEqualTimestamps_visitsEveryPostOnceInKeysetOrder()
    {
        var start = new DateTime(2101, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var end = start.AddDays(1);
        var published = new List<PostDocument>();
        // Three posts share one timestamp, two share another: pages of two must split the ties and still see each once.
        foreach (var minutes in new[] { 10, 10, 10, 20, 20, 30, 5 })
            published.Add(await PublishedPostAsync(start.AddMinutes(minutes)));
        var expected = published
            .OrderByDescending(p => p.PublishedAt).ThenByDescending(p => p.Id, StringComparer.Ordinal)
            .Select(p => p.Id).ToList();

        var seen = new List<string>();
        var query = new FeedPageQuery(Limit: 2, BeforePublishedAt: end);
        for (var pages = 0; pages < 10; pages++)
        {
            var page = await Posts.ListPublishedAsync(query);
            Assert.True(page.Count <= 2);
            var inWindow = page.Where(p => p.PublishedAt >= start).ToList();
            seen.AddRange(inWindow.Select(p => p.Id));
            if (inWindow.Count < page.Count || page.Count < 2) break;
            query = query with { BeforePublishedAt = page[^1].PublishedAt, BeforeId = page[^1].Id };
        }

        Assert.Equal(expected, seen);
    }

    [SkippableFact]
    public async Task ListPublishedAsync_maxAgeRating_leavesOutHigherRatings()
    {
        var start = new DateTime(2102, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var everyone = await PublishedPostAsync(start.AddMinutes(1), AgeRating.Everyone);
        var teen = await PublishedPostAsync(start.AddMinutes(2), AgeRating.Teen);
        var mature = await PublishedPostAsync(start.AddMinutes(3), AgeRating.Mature);

        async Task<IEnumerable<string>> PageAsync(AgeRating? max)
        {
            var query = new FeedPageQuery(Limit: 10, BeforePublishedAt: start.AddDays(1));
            if (max is { } m) query = query with { MaxAgeRating = m };
            return (await Posts.ListPublishedAsync(query)).Where(p => p.PublishedAt >= start).Select(p => p.Id);
        }

        Assert.Equal([everyone.Id], await PageAsync(null));
        Assert.Equal([teen.Id, everyone.Id], await PageAsync(AgeRating.Teen));
        Assert.Equal([mature.Id, teen.Id, everyone.Id], await PageAsync(AgeRating.Mature));
    }

    [SkippableFact]
    public async Task ListPublishedAsync_cursorOnATie_returnsOnlyLowerIdsOfThatTimeThenOlder()
    {
        var start = new DateTime(2103, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var at = start.AddMinutes(10);
        var a = await PublishedPostAsync(at, id: "tie-a");
        var b = await PublishedPostAsync(at, id: "tie-b");
        var c = await PublishedPostAsync(at, id: "tie-c");
        var older = await PublishedPostAsync(start.AddMinutes(1));
        await PublishedPostAsync(start.AddMinutes(20));

        var page = await Posts.ListPublishedAsync(new FeedPageQuery(Limit: 3, BeforePublishedAt: at, BeforeId: b.Id));

        Assert.Equal([a.Id, older.Id], page.Where(p => p.PublishedAt >= start).Select(p => p.Id));
        Assert.DoesNotContain(page, p => p.Id == c.Id || p.Id == b.Id);
    }
}
