using FeedEngine.Storage;
using FeedEngine.Storage.Embedded;
using FeedEngine.Storage.Images;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace FeedEngine.Media.Tests.Uploads;

/// <summary>The upload service as <c>AddMedia</c> registers it, on the real embedded store in a temporary folder.</summary>
sealed class UploadStore : IDisposable
{
    readonly IHost host;

    UploadStore(IHost host, string dataDirectory)
    {
        this.host = host;
        DataDirectory = dataDirectory;
    }

    public string DataDirectory { get; }

    public ImageUploadService Uploads => host.Services.GetRequiredService<ImageUploadService>();

    public IImageRepository Images => host.Services.GetRequiredService<IImageRepository>();

    /// <summary>Image documents in the store's metadata collection.</summary>
    public int StoredImageCount => host.Services.GetRequiredService<EmbeddedDatabase>().Collection<ImageDocument>("images").Count();

    /// <summary>Image folders on disk (one per stored image).</summary>
    public int StoredFolderCount => Directory.GetDirectories(Path.Combine(DataDirectory, "images")).Length;

    public static UploadStore Start(params (string Key, string Value)[] media)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "feedengine-media-tests", Guid.NewGuid().ToString("N"));
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(media.Select(s => KeyValuePair.Create<string, string?>($"{ImageUploadOptions.SectionName}:{s.Key}", s.Value)));
        builder.Services.Configure<StorageOptions>(o => o.DataDirectory = dataDirectory);
        builder.Services.AddEmbeddedStorage();
        builder.AddMedia();
        var host = builder.Build();
        host.Start(); // runs ValidateOnStart
        return new UploadStore(host, dataDirectory);
    }

    public async Task<ImageUploadResult> UploadAsync(byte[] content, string ownerId = "viewer-1") =>
        await Uploads.UploadAsync(new MemoryStream(content, writable: false), ownerId);

    public async Task<byte[]> ReadVariantAsync(string imageId, string variant)
    {
        var content = await Images.OpenVariantAsync(imageId, variant) ?? throw new InvalidOperationException($"No {variant} for {imageId}.");
        await using var stream = content.Stream;
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    public void Dispose()
    {
        host.Dispose();
        if (Directory.Exists(DataDirectory)) Directory.Delete(DataDirectory, recursive: true);
    }
}
