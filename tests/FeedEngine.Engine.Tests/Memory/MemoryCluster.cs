using FeedEngine.Safety;
using FeedEngine.Engine.Memory;
using FeedEngine.Engine.Tests.Sessions;
using FeedEngine.Storage;
using FeedEngine.Storage.Memory;
using FeedEngine.Storage.Posts;
using FeedEngine.Storage.Sessions;
using FeedEngine.Storage.Viewers;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;
using FeedEngine.Testing;

namespace FeedEngine.Engine.Tests.Memory;

/// <summary>
/// A silo for the memory tests: the embedded store, a scripted model, word-overlap embeddings, and a fake clock for
/// the quiet period (only memory waits on it), so a test decides when a session has gone quiet.
/// </summary>
public sealed class MemoryCluster : IAsyncLifetime
{
    public const int QuietSeconds = 60;

    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("feedengine-memory-").FullName;
    public ScriptedChatClient Model { get; } = new();
    public FakeTimeProvider Clock { get; } = new();
    public InProcessTestCluster Cluster { get; private set; } = null!;
    public IGrainFactory Grains => Cluster.Client;
    IServiceProvider Silo => Cluster.GetSiloServiceProvider();
    public IMemoryRepository Facts => Silo.GetRequiredService<IMemoryRepository>();
    public ISessionRepository Sessions => Silo.GetRequiredService<ISessionRepository>();
    public IViewerProfileRepository Profiles => Silo.GetRequiredService<IViewerProfileRepository>();

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSiloHost((_, host) =>
        {
            var settings = TestSilo.Settings(DataDirectory, liftLimits: true);
            settings["Memory:QuietSeconds"] = QuietSeconds.ToString();
            settings["Memory:RecallThreshold"] = "0.1";
            host.Configuration.AddInMemoryCollection(settings);
            host.Services.AddSingleton(new MemoryClock(Clock));
            host.Services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(new WordEmbeddings());
            host.AddStorage();
            host.AddSafety();
            host.AddEngine();
            host.Services.AddSingleton<IChatClient>(Model);
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public Task DisposeAsync() => TestSilo.DisposeAsync(Cluster, DataDirectory);

    public Task<string> PublishAsync(PostContent content) => TestSilo.PublishAsync(Silo, content);

    public async Task<ISessionGrain> StartAsync(string viewer, string postId)
    {
        var snapshot = EngineCluster.Ok(await Grains.GetGrain<IViewerGrain>(viewer).StartSessionAsync(postId));
        return Grains.GetGrain<ISessionGrain>(snapshot.SessionId);
    }

    /// <summary>Lets the quiet period pass (again and again, in case the timer starts after the first step) until memory has read the session.</summary>
    public async Task GoQuietAsync(string sessionId)
    {
        var target = (await Sessions.FindAsync(sessionId))!.LastTurnSeq;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while ((await Sessions.FindAsync(sessionId))!.MemoryThroughSeq < target)
        {
            Clock.Advance(TimeSpan.FromSeconds(QuietSeconds + 1));
            await Task.Delay(20, timeout.Token);
        }
    }
}

/// <summary>A deterministic embedding: each lower-cased word lights one of 256 dimensions, so shared words make texts similar.</summary>
public sealed class WordEmbeddings : IEmbeddingGenerator<string, Embedding<float>>
{
    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(new GeneratedEmbeddings<Embedding<float>>(values.Select(Embed)));

    static Embedding<float> Embed(string text)
    {
        var vector = new float[256];
        foreach (var word in text.ToLowerInvariant().Split([' ', '.', ',', '?', '!', '\'', '"'], StringSplitOptions.RemoveEmptyEntries))
        {
            var hash = 2166136261u;
            foreach (var c in word) hash = (hash ^ c) * 16777619u;
            vector[hash % 256] += 1;
        }
        return new Embedding<float>(vector);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}

[CollectionDefinition(Name)]
public sealed class MemoryClusterCollection : ICollectionFixture<MemoryCluster>
{
    public const string Name = "memory cluster";
}
