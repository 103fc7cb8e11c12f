using FeedEngine.Inference.Scheduling;
using FeedEngine.Safety;
using FeedEngine.Safety.Moderation;
using FeedEngine.Safety.Filters;
using FeedEngine.Storage;
using FeedEngine.Storage.Posts;
using FeedEngine.Storage.Sessions;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using FeedEngine.Testing;

namespace FeedEngine.Engine.Tests.Sessions;

/// <summary>
/// One Orleans silo in process (InProcessTestCluster) running the engine's grains on the embedded store in a temp
/// folder, with a scripted model behind the real generation scheduler. Shared by the session tests, which run one
/// after another and each use their own viewers and posts.
/// </summary>
public sealed class EngineCluster : IAsyncLifetime
{
    public const int ModelSlots = 4;
    public const int SendsPerMinute = 30;
    public const string BlockedWord = "XYZZY";
    public const int SignedUpQuota = 3;

    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("feedengine-engine-").FullName;
    public ScriptedChatClient Model { get; } = new();
    public ScriptedGuard Guard { get; } = new();
    public GenerationScheduler Scheduler { get; } = new("scripted", ModelSlots, maxQueue: 0, TimeProvider.System, new InferenceMetrics());
    public InProcessTestCluster Cluster { get; private set; } = null!;
    public IGrainFactory Grains => Cluster.Client;
    public IServiceProvider Silo => Cluster.GetSiloServiceProvider();

    /// <summary>The ad system's seam: offers only for posts tagged <see cref="FakeSponsors.Tag"/>, so other tests see no ads.</summary>
    public FakeSponsors Sponsors { get; } = new();

    /// <summary>Whether the model reads images (the snapshot's acceptsImages); a text model unless a test says otherwise.</summary>
    public ModelCapabilitiesSwitch Capabilities { get; } = new();

    /// <summary>The feed's conversation signals: recorded; held or failing for the viewers a test names.</summary>
    public HeldSignals Signals { get; } = new();
    public ITurnRepository Turns => Silo.GetRequiredService<ITurnRepository>();
    public ISessionRepository Sessions => Silo.GetRequiredService<ISessionRepository>();

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSiloHost((_, host) =>
        {
            var settings = TestSilo.Settings(DataDirectory);
            settings["Sessions:SendsPerMinute"] = SendsPerMinute.ToString();
            settings["Safety:Guard:Model"] = "scripted-guard";
            settings["Safety:Quotas:GenerationsPerDay"] = SignedUpQuota.ToString();
            host.Configuration.AddInMemoryCollection(settings);
            host.AddStorage();
            host.AddEngine();
            host.AddSafety();
            host.Services.AddSingleton<IChatClient>(new ScheduledChatClient(Model, Scheduler));
            host.Services.AddSingleton<IOutputFilterFactory>(new BlockWordFilterFactory(BlockedWord));
            host.Services.AddKeyedSingleton<IChatClient>(LlamaGuardStage.ChatClientKey, Guard);
            host.Services.AddSingleton<FeedEngine.Engine.Abstractions.Ads.ISponsoredSelector>(Sponsors);
            host.Services.AddSingleton<FeedEngine.Inference.Models.IChatModelCapabilities>(Capabilities);
            host.Services.AddSingleton<IConversationSignals>(Signals);
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public Task DisposeAsync() => TestSilo.DisposeAsync(Cluster, DataDirectory);

    /// <summary>Stores and publishes a post; returns its id.</summary>
    public Task<string> PublishAsync(PostContent content) => TestSilo.PublishAsync(Silo, content);

    /// <summary>A new viewer's session on a newly published post.</summary>
    public async Task<(string Viewer, ISessionGrain Session, SessionSnapshot Snapshot)> StartAsync(PostContent? content = null)
    {
        var postId = await PublishAsync(content ?? Samples.Lighthouse());
        var viewer = "viewer-" + DocumentIds.New();
        var snapshot = Ok(await Grains.GetGrain<IViewerGrain>(viewer).StartSessionAsync(postId));
        return (viewer, Grains.GetGrain<ISessionGrain>(snapshot.SessionId), snapshot);
    }

    public static T Ok<T>(SessionOutcome<T> outcome)
    {
        Assert.True(outcome.IsOk, outcome.Rejection?.Message);
        return outcome.Value!;
    }

    public static ViewerMessage Message(string viewer, string text, string? messageId = null) =>
        new() { ViewerId = viewer, MessageId = messageId ?? Guid.NewGuid().ToString("n"), Text = text };

    /// <summary>Sends and reads the exchange through its turn event.</summary>
    public static async Task<(SendReceipt Receipt, List<SessionEvent> Events)> SendAsync(ISessionGrain session, string viewer, string text)
    {
        var receipt = Ok(await session.SendAsync(Message(viewer, text)));
        var events = await ReadAsync(session, viewer, receipt.AfterSeq, receipt.ReplyTurnSeq);
        return (receipt, events);
    }

    /// <summary>Reads from <paramref name="afterSeq"/> through the turn event of <paramref name="untilTurnSeq"/>, failing after 20 s.</summary>
    public static async Task<List<SessionEvent>> ReadAsync(ISessionGrain session, string viewer, long afterSeq, long untilTurnSeq)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var events = new List<SessionEvent>();
        await foreach (var item in session.ReadAsync(new SessionRead { ViewerId = viewer, AfterSeq = afterSeq, UntilTurnSeq = untilTurnSeq }, timeout.Token))
            events.Add(item);
        return events;
    }

    /// <summary>A scripted reply's tokens: "word0 ", "word1 ", ...</summary>
    public static string[] Words(int count) => [.. Enumerable.Range(0, count).Select(i => $"word{i} ")];

    public static string Tokens(IEnumerable<SessionEvent> events) =>
        string.Concat(events.Where(e => e.Kind == SessionEventKind.Token).Select(e => e.Text));
}

[CollectionDefinition(Name)]
public sealed class EngineClusterCollection : ICollectionFixture<EngineCluster>
{
    public const string Name = "engine cluster";
}
