using FeedEngine.Engine.Tests.Sessions;
using FeedEngine.Inference;
using FeedEngine.Inference.Scheduling;
using FeedEngine.Media;
using FeedEngine.Safety;
using FeedEngine.Storage;
using FeedEngine.Storage.Images;
using FeedEngine.Storage.Posts;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using FeedEngine.Testing;

namespace FeedEngine.Engine.Tests.Pictures;

/// <summary>
/// A silo composed like the app for scene pictures: the session grains with <c>AddInference</c> drawing on the tiny
/// generated ONNX diffusion pipeline (CPU) and <c>AddMedia</c> storing the pictures, on the embedded store in a temp
/// folder. The chat model is scripted (a reply that moves the location), the rest is real.
/// </summary>
public class PictureCluster : IAsyncLifetime
{
    readonly string imageModel;

    public PictureCluster() : this("tiny")
    {
    }

    /// <summary>A cluster whose <c>Inference:Images:Model</c> is <paramref name="imageModel"/>.</summary>
    protected PictureCluster(string imageModel) => this.imageModel = imageModel;

    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("feedengine-pictures-").FullName;
    public ScriptedChatClient Model { get; } = new();
    public InProcessTestCluster Cluster { get; private set; } = null!;
    public IGrainFactory Grains => Cluster.Client;
    public IServiceProvider Silo => Cluster.GetSiloServiceProvider();
    public IImageRepository Images => Silo.GetRequiredService<IImageRepository>();

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSiloHost((_, host) =>
        {
            var settings = TestSilo.Settings(DataDirectory);
            settings["Inference:Model"] = "tiny";
            settings["Inference:Images:Model"] = imageModel;
            settings["Inference:Images:IntraOpThreads"] = "1";
            host.Configuration.AddInMemoryCollection(settings);
            host.AddStorage();
            host.AddInference();
            host.AddMedia();
            host.AddSafety();
            host.AddEngine();
            host.Services.AddSingleton<IChatClient>(new ScheduledChatClient(Model,
                new GenerationScheduler("scripted", 4, maxQueue: 0, TimeProvider.System, new InferenceMetrics())));
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public Task DisposeAsync() => TestSilo.DisposeAsync(Cluster, DataDirectory);

    public Task<string> PublishAsync(PostContent content) => TestSilo.PublishAsync(Silo, content);

    public async Task<(string Viewer, ISessionGrain Session)> StartAsync(string postId)
    {
        var viewer = "viewer-" + DocumentIds.New();
        var snapshot = EngineCluster.Ok(await Grains.GetGrain<IViewerGrain>(viewer).StartSessionAsync(postId));
        return (viewer, Grains.GetGrain<ISessionGrain>(snapshot.SessionId));
    }
}

[CollectionDefinition(Name)]
public sealed class PictureClusterCollection : ICollectionFixture<PictureCluster>
{
    public const string Name = "picture cluster";
}

/// <summary>The same silo with <c>Inference:Images:Model</c> pointing at a folder that does not exist: pictures cannot be drawn.</summary>
public sealed class MissingImageModelCluster() : PictureCluster(Path.Combine(Path.GetTempPath(), "feedengine-no-such-image-model-" + Guid.NewGuid().ToString("n")));

[CollectionDefinition(Name)]
public sealed class MissingImageModelCollection : ICollectionFixture<MissingImageModelCluster>
{
    public const string Name = "missing image model cluster";
}
