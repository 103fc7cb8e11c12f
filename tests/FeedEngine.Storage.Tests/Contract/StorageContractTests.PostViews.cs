using FeedEngine.Storage.Posts;
using Microsoft.Extensions.DependencyInjection;

namespace FeedEngine.Storage.Tests.Contract;

public abstract partial class StorageContractTests
{
    IPostViewRepository PostViews => Store.Services.GetRequiredService<IPostViewRepository>();

    [SkippableFact]
    public async Task PostViews_oncePerViewerPostAndDay_countedByKindAndVersion()
    {
        var post = "post-" + DocumentIds.New();
        var day = new DateTime(2026, 3, 1, 8, 0, 0, DateTimeKind.Utc);

        Assert.Equal(WriteOutcome.Ok, await PostViews.RecordAsync(PostViewDocument.For(PostViewKind.View, post, 1, "a", day)));
        // The same viewer later that day: counted already. The next day: counted again.
        Assert.Equal(WriteOutcome.Duplicate, await PostViews.RecordAsync(PostViewDocument.For(PostViewKind.View, post, 1, "a", day.AddHours(15))));
        Assert.Equal(WriteOutcome.Ok, await PostViews.RecordAsync(PostViewDocument.For(PostViewKind.View, post, 2, "a", day.AddDays(1))));
        Assert.Equal(WriteOutcome.Ok, await PostViews.RecordAsync(PostViewDocument.For(PostViewKind.View, post, 2, "b", day)));
        Assert.Equal(WriteOutcome.Ok, await PostViews.RecordAsync(PostViewDocument.For(PostViewKind.Open, post, 2, "b", day)));
        Assert.Equal(WriteOutcome.Ok, await PostViews.RecordAsync(PostViewDocument.For(PostViewKind.View, "other-" + post, 1, "a", day)));

        Assert.Equal(3, await PostViews.CountAsync(post, PostViewKind.View));
        Assert.Equal(1, await PostViews.CountAsync(post, PostViewKind.View, 1));
        Assert.Equal(2, await PostViews.CountAsync(post, PostViewKind.View, 2));
        Assert.Equal(1, await PostViews.CountAsync(post, PostViewKind.Open));
        Assert.Equal(0, await PostViews.CountAsync(post, PostViewKind.Open, 1));
        Assert.Equal(0, await PostViews.CountAsync("missing-" + post, PostViewKind.View));
    }
}
