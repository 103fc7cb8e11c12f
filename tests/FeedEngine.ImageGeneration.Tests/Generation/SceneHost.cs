using FeedEngine.Inference;
using FeedEngine.Inference.ImageGeneration;
using FeedEngine.Media;
using FeedEngine.Media.Generation;
using FeedEngine.Storage;
using FeedEngine.Storage.Embedded;
using FeedEngine.Storage.Images;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace FeedEngine.ImageGeneration.Tests.Generation;

/// <summary>
/// The app's composition for scene pictures: <c>AddInference</c> (the image seam, here the tiny generated ONNX pipeline
/// on CPU) and <c>AddMedia</c> on the real embedded store in a temporary folder. The registered generator is wrapped in
/// a <see cref="CountingImageGenerator"/> so tests can see how often the model was asked.
/// </summary>
sealed class SceneHost : IAsyncDisposable
{
    readonly IHost host;

    SceneHost(IHost host, string data)
    {
        this.host = host;
        DataDirectory = data;
    }

    public string DataDirectory { get; }

    public IServiceProvider Services => host.Services;

    public SceneImageService Scenes => host.Services.GetRequiredService<SceneImageService>();

    public IImageRepository Images => host.Services.GetRequiredService<IImageRepository>();

    public CountingImageGenerator? Counter => host.Services.GetService<CountingImageGenerator>();

    /// <summary>Image documents in the store, and image folders on disk.</summary>
    public (int Documents, int Folders) Stored =>
        (host.Services.GetRequiredService<EmbeddedDatabase>().Collection<ImageDocument>("images").Count(),
         Directory.GetDirectories(Path.Combine(DataDirectory, "images")).Length);

    public static async Task<SceneHost> StartAsync(string? data = null, params (string Key, string? Value)[] settings)
    {
        data ??= Directory.CreateTempSubdirectory("feedengine-scenes-").FullName;
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        var configuration = new Dictionary<string, string?>
        {
            ["Storage:DataDirectory"] = data,
            ["Inference:Images:Model"] = "tiny",
            ["Inference:Images:IntraOpThreads"] = "1",
        };
        foreach (var (key, value) in settings)
            configuration[key] = value;
        builder.Configuration.AddInMemoryCollection(configuration);
        builder.Services.AddEmbeddedStorage();
        builder.AddInference();
        builder.AddMedia();
        if (builder.Services.Any(d => d.ServiceType == typeof(InferenceImageGenerator)))
        {
            builder.Services.AddSingleton(sp => new CountingImageGenerator(sp.GetRequiredService<InferenceImageGenerator>()));
            builder.Services.AddSingleton<IImageGenerator>(sp => sp.GetRequiredService<CountingImageGenerator>());
        }
        var host = builder.Build();
        await host.StartAsync();
        return new SceneHost(host, data);
    }

    /// <summary>Keep the data directory when disposed (a test restarts the app on it).</summary>
    public bool KeepData { get; set; }

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
        if (!KeepData && Directory.Exists(DataDirectory))
            Directory.Delete(DataDirectory, recursive: true);
    }
}

/// <summary>Passes every call to the real generator, counting them; a test may hold calls at a gate.</summary>
sealed class CountingImageGenerator(IImageGenerator inner) : DelegatingImageGenerator(inner)
{
    int calls;

    public int Calls => Volatile.Read(ref calls);

    /// <summary>When set, calls wait for it before drawing.</summary>
    public TaskCompletionSource? Gate { get; set; }

    public override async Task<ImageGenerationResponse> GenerateAsync(ImageGenerationRequest request, ImageGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref calls);
        if (Gate is { } gate)
            await gate.Task.WaitAsync(cancellationToken);
        return await base.GenerateAsync(request, options, cancellationToken);
    }
}
