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

    public void Dispose()
    {
        if (Directory.Exists(dataDirectory)) Directory.Delete(dataDirectory, recursive: true);
    }
}
