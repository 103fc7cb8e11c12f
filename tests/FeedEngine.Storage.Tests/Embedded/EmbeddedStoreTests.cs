using FeedEngine.Storage.Embedded;
using FeedEngine.Storage.Tests.Contract;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace FeedEngine.Storage.Tests.Embedded;

/// <summary>What the contract cannot see of the embedded store: its registration and its file on disk.</summary>
public sealed class EmbeddedStoreTests : IDisposable
{
    readonly string dataDirectory = Path.Combine(Path.GetTempPath(), "feedengine-storage-" + DocumentIds.New());

    [Fact]
    public async Task AddStorage_noMongoUrl_usesTheEmbeddedStoreInTheDataDirectory()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:DataDirectory"] = dataDirectory });
        builder.AddStorage();
        using var host = builder.Build();
        await host.StartAsync();

        var users = host.Services.GetRequiredService<IUserRepository>();
        await users.InsertAsync(Samples.User());

        Assert.IsType<EmbeddedUserRepository>(users);
        Assert.True(File.Exists(Path.Combine(dataDirectory, "feedengine.db")));
        await host.StopAsync();
    }

    [Fact]
    public async Task FindAsync_afterTheStoreIsReopened_readsWhatWasWrittenBefore()
    {
        var options = new StorageOptions { DataDirectory = dataDirectory };
        var post = Samples.Post();
        var (image, bytes) = Samples.Image(seed: 11);
        await using (var first = StoreServices.Build(options, s => s.AddEmbeddedStorage()))
        {
            await first.GetRequiredService<IPostRepository>().InsertAsync(post);
            await first.GetRequiredService<IPostRepository>().PublishAsync(post, "key", Samples.Now);
            await first.GetRequiredService<IImageRepository>().InsertAsync(image, bytes);
        }

        await using var second = StoreServices.Build(options, s => s.AddEmbeddedStorage());
        var posts = second.GetRequiredService<IPostRepository>();

        Assert.Equal(1, (await posts.FindAsync(post.Id))?.PublishedVersion);
        Assert.Equal(new PublishResult(WriteOutcome.Duplicate, 1), await posts.PublishAsync(post, "key", Samples.Now));
        var content = await second.GetRequiredService<IImageRepository>().OpenVariantAsync(image.Id, "card");
        Assert.NotNull(content);
        await using var stream = content.Stream;
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        Assert.Equal(bytes["card"], copy.ToArray());
    }

    [Fact]
    public async Task EmbeddedStore_checkpointsItsLogAtTheConfiguredSize_andKeepsEveryWrite()
    {
        var options = new StorageOptions { DataDirectory = dataDirectory, EmbeddedCheckpointPages = 16 };
        var sessions = Enumerable.Range(0, 300).Select(i => Samples.Session($"cp-{i}")).ToList();
        await using (var store = StoreServices.Build(options, s => s.AddEmbeddedStorage()))
        {
            Assert.Equal(16, store.GetRequiredService<EmbeddedDatabase>().CheckpointPages);
            var repository = store.GetRequiredService<ISessionRepository>();
            long largestLog = 0;
            foreach (var session in sessions)
            {
                Assert.Equal(WriteOutcome.Ok, await repository.InsertAsync(session));
                largestLog = Math.Max(largestLog, LogLength());
            }
            // 300 writes of several pages each: far more than 16 pages went through the log, which never held much more.
            Assert.InRange(largestLog, 0, 32 * 8192);
        }

        await using var reopened = StoreServices.Build(options, s => s.AddEmbeddedStorage());
        foreach (var session in sessions)
            Assert.Equal(session.PostId, (await reopened.GetRequiredService<ISessionRepository>().FindAsync(session.Id))?.PostId);
    }

    long LogLength()
    {
        var log = new FileInfo(Path.Combine(dataDirectory, "feedengine-log.db"));
        return log.Exists ? log.Length : 0;
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("100001")]
    public async Task AddStorage_checkpointPagesOutOfRange_stopsTheStartWithAClearMessage(string pages)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:DataDirectory"] = dataDirectory,
            ["Storage:EmbeddedCheckpointPages"] = pages,
        });
        builder.AddStorage();
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => host.StartAsync());
        Assert.Contains("EmbeddedCheckpointPages must be 16 to 100000 pages", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StorageOptions_checkpointPages_defaultToShortCopies()
    {
        Assert.Equal(200, new StorageOptions().EmbeddedCheckpointPages);
    }

    public void Dispose()
    {
        if (Directory.Exists(dataDirectory)) Directory.Delete(dataDirectory, recursive: true);
    }
}
