using FeedEngine.Storage;
using FeedEngine.Storage.Posts;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace FeedEngine.Testing;

/// <summary>
/// What the Orleans test clusters of the engine and cluster tests share: their starting settings, publishing a post into
/// the silo's store, and tearing down.
/// </summary>
public static class TestSilo
{
    /// <summary>
    /// The settings a test silo starts from: its store folder, one byte per token (the scripted and generated models'
    /// budgets), no semantic lore (no embedding model in a silo), and with <paramref name="liftLimits"/> the daily
    /// quotas and the send limit out of the way. A silo adds or overrides its own keys.
    /// </summary>
    public static Dictionary<string, string?> Settings(string dataDirectory, bool liftLimits = false)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage:DataDirectory"] = dataDirectory,
            ["Sessions:BytesPerToken"] = "1",
            ["Sessions:SemanticLoreThreshold"] = "0",
        };
        if (!liftLimits) return settings;
        settings["Safety:Quotas:GenerationsPerDay"] = "100000";
        settings["Safety:Quotas:GuestGenerationsPerDay"] = "100000";
        settings["Sessions:SendsPerMinute"] = "1000";
        return settings;
    }

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

    /// <summary>Stops the cluster, closes a store the test opened itself (<paramref name="database"/>), then removes the data folder.</summary>
    public static async Task DisposeAsync(InProcessTestCluster cluster, string dataDirectory, IDisposable? database = null)
    {
        await cluster.DisposeAsync();
        database?.Dispose();
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
