using FeedEngine.Storage;
using FeedEngine.Storage.Posts;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace FeedEngine.Engine.Tests.Sessions;

/// <summary>What the engine tests' Orleans test clusters share: publishing a post into the silo's store, and tearing down.</summary>
public static class TestSilo
{
    /// <summary>Stores and publishes a post through the silo's repository; returns its id.</summary>
    public static async Task<string> PublishAsync(IServiceProvider silo, PostContent content)
    {
        var posts = silo.GetRequiredService<IPostRepository>();
        var now = DateTime.UtcNow;
        var post = new PostDocument { Id = "post-" + DocumentIds.New(), CreatorId = "creator", Status = PostStatus.Draft, Draft = content, CreatedAt = now, UpdatedAt = now };
        Assert.Equal(WriteOutcome.Ok, await posts.InsertAsync(post));
        Assert.Equal(WriteOutcome.Ok, (await posts.PublishAsync(post, "publish-" + post.Id, now)).Outcome);
        return post.Id;
    }

    /// <summary>Stops the cluster, then removes its data folder.</summary>
    public static async Task DisposeAsync(InProcessTestCluster cluster, string dataDirectory)
    {
        await cluster.DisposeAsync();
        try
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a closing handle; the temp folder is cleaned by the OS.
        }
    }
}
