using FeedEngine.Safety;
using System.Collections.Concurrent;
using FeedEngine.Engine;
using FeedEngine.Storage;
using FeedEngine.Storage.Embedded;
using FeedEngine.Storage.Posts;
using FeedEngine.Storage.Sessions;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.TestingHost;
using FeedEngine.Testing;

namespace FeedEngine.Cluster.Tests.Silos;

/// <summary>
/// Three Orleans silos in process (InProcessTestCluster) running the real engine grains over one store (the embedded
/// store in a temp folder, shared as a database would be), each with its own paced model and its own fault switch:
/// a killed silo's store calls fail and its model stops, as if its process were gone.
/// </summary>
public sealed class SiloCluster : IAsyncLifetime
{
    public const int ReplyTokens = 40;
    public static readonly TimeSpan TokenInterval = TimeSpan.FromMilliseconds(15);

    readonly EmbeddedDatabase database;
    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("feedengine-cluster-").FullName;
    public ConcurrentDictionary<string, (StoreFault Fault, PacedChatClient Model)> Nodes { get; } = new(StringComparer.Ordinal);
    /// <summary>One switch over the whole store, for outages.</summary>
    public StoreFault Outage { get; } = new();
    public InProcessTestCluster Cluster { get; private set; } = null!;
    public IGrainFactory Grains => Cluster.Client;

    public SiloCluster() => database = new EmbeddedDatabase(Options.Create(new StorageOptions { DataDirectory = DataDirectory }));

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(3);
        builder.ConfigureSiloHost((silo, host) =>
        {
            var settings = TestSilo.Settings(DataDirectory, liftLimits: true);
            settings["Sessions:FrameMilliseconds"] = "5";
            host.Configuration.AddInMemoryCollection(settings);
            host.AddStorage();
            host.AddSafety();
            host.AddEngine();
            host.Services.AddSingleton(database);
            // A fresh node per silo built: a replacement silo can be given the name of one a test killed or stopped, and
            // must not inherit its dead store and silent model.
            var node = (Fault: new StoreFault(), Model: new PacedChatClient(silo.SiloName, ReplyTokens, TokenInterval));
            Nodes[silo.SiloName] = node;
            node.Fault.Wrap(host.Services);
            Outage.Wrap(host.Services);
            host.Services.AddSingleton<IChatClient>(node.Model);
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await TestSilo.DisposeAsync(Cluster, DataDirectory, database);
    }

    public ITurnRepository Turns => Cluster.GetSiloServiceProvider().GetRequiredService<ITurnRepository>();

    /// <summary>The turns as stored, read past every fault switch.</summary>
    public async Task<IReadOnlyList<TurnDocument>> StoredTurnsAsync(string sessionId)
    {
        var turns = database.Collection<TurnDocument>("turns");
        await Task.CompletedTask;
        return [.. turns.Find(t => t.SessionId == sessionId).OrderBy(t => t.Seq)];
    }

    public async Task<(string Viewer, ISessionGrain Session, string SessionId)> StartAsync()
    {
        var postId = await TestSilo.PublishAsync(Cluster.GetSiloServiceProvider(), Post());
        var viewer = "viewer-" + DocumentIds.New();
        var snapshot = Ok(await Grains.GetGrain<IViewerGrain>(viewer).StartSessionAsync(postId));
        return (viewer, Grains.GetGrain<ISessionGrain>(snapshot.SessionId), snapshot.SessionId);
    }

    static PostContent Post() => new()
    {
        Title = "The Lighthouse at Gull's End",
        Kind = PostKind.Game,
        Hook = "The keeper vanished the night the lamp went dark.",
        Persona = "You are the narrator of a slow-burning coastal mystery.",
        Greetings = ["Rain needles the harbor as the ferry bumps the quay. Where do you start?"],
    };

    /// <summary>
    /// Kills the silo <paramref name="host"/> as a crash would (its store calls fail, its model goes silent, then the
    /// process is gone), starts a replacement so later tests keep three silos, and waits until the client reaches the
    /// session again (a call routed through the dead gateway fails until the client notices).
    /// </summary>
    public async Task CrashAsync(string host, ISessionGrain session, string viewer)
    {
        var (fault, model) = Nodes[host];
        fault.Dead = true;
        model.Dead = true;
        await Cluster.KillSiloAsync(Cluster.Silos.Single(s => s.Name == host));
        await Cluster.StartAdditionalSiloAsync();
        await ReachAsync(session, viewer);
    }

    /// <summary>Stops the silo <paramref name="host"/> gracefully mid-reply, starts a replacement, and waits until the session answers.</summary>
    public async Task LeaveAsync(string host, ISessionGrain session, string viewer)
    {
        // The model pauses (as a slow one would), so the reply is still being written when the silo leaves.
        Nodes[host].Model.Dead = true;
        await Cluster.StopSiloAsync(Cluster.Silos.Single(s => s.Name == host));
        await Cluster.StartAdditionalSiloAsync();
        await ReachAsync(session, viewer);
    }

    static async Task ReachAsync(ISessionGrain session, string viewer)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                Ok(await session.GetSnapshotAsync(viewer));
                return;
            }
            catch (Exception e) when (e is Orleans.Runtime.OrleansException or TimeoutException && DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
        }
    }

    public static T Ok<T>(SessionOutcome<T> outcome)
    {
        Assert.True(outcome.IsOk, outcome.Rejection?.Message);
        return outcome.Value!;
    }

    public static ViewerMessage Message(string viewer, string text) =>
        new() { ViewerId = viewer, MessageId = Guid.NewGuid().ToString("n"), Text = text };

    /// <summary>Reads from <paramref name="afterSeq"/> through the turn event of <paramref name="untilTurnSeq"/>, failing after 60 s.</summary>
    public static async Task<List<SessionEvent>> ReadAsync(ISessionGrain session, string viewer, long afterSeq, long untilTurnSeq)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var events = new List<SessionEvent>();
        await foreach (var item in session.ReadAsync(new SessionRead { ViewerId = viewer, AfterSeq = afterSeq, UntilTurnSeq = untilTurnSeq }, timeout.Token))
            events.Add(item);
        return events;
    }

    public static string FullReply => string.Concat(Enumerable.Range(0, ReplyTokens).Select(PacedChatClient.Word));
}

[CollectionDefinition(Name)]
public sealed class SiloClusterCollection : ICollectionFixture<SiloCluster>
{
    public const string Name = "silo cluster";
}
