using FeedEngine.Storage;
using FeedEngine.Storage.Embedded;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.SignalR.Client;
using Orleans.Runtime;

namespace FeedEngine.Cluster.Tests.Nodes;

/// <summary>Two app nodes that form one Orleans cluster through a real Redis: a session started on one is resumed on the other.</summary>
public sealed class RedisClusterTests(RedisServer redis) : IClassFixture<RedisServer>
{
    [SkippableFact]
    public async Task Session_startedOnNodeA_isResumedOnNodeB_withTheSameEvents()
    {
        Skip.If(redis.SkipReason is not null, redis.SkipReason);
        var root = Directory.CreateTempSubdirectory("feedengine-redis-nodes-").FullName;
        using var store = new EmbeddedDatabase(Options.Create(new StorageOptions { DataDirectory = Path.Combine(root, "store") }));
        var clusterId = "redis-" + Guid.NewGuid().ToString("n");
        await using var a = new NodeApp(Path.Combine(root, "a"), store, redis.Address, clusterId).Start();
        await using var b = new NodeApp(Path.Combine(root, "b"), store, redis.Address, clusterId).Start();

        // Both silos see each other through the Redis membership table.
        var management = a.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((await management.GetHosts(onlyActive: true)).Count < 2)
        {
            var hosts = await management.GetHosts(onlyActive: false);
            Assert.True(DateTime.UtcNow < deadline, "The two nodes did not form one cluster through Redis: " + string.Join(", ", hosts.Select(h => $"{h.Key} {h.Value}")));
            await Task.Delay(100);
        }

        var token = await a.GuestTokenAsync();
        var postId = await a.FirstPostIdAsync();
        await using var onA = await NodeApp.ConnectAsync(a.BaseUrl, token);
        var snapshot = await onA.InvokeAsync<SessionSnapshot>("StartSession", postId);
        var live = await NodeApp.ReadUntilTurnAsync(onA, "Send", snapshot.SessionId, "Hello from node A.", Array.Empty<string>());

        await using var onB = await NodeApp.ConnectAsync(b.BaseUrl, token);
        var resumed = await NodeApp.ReadUntilTurnAsync(onB, "Resume", snapshot.SessionId, snapshot.LastEventSeq);
        var again = await onB.InvokeAsync<SessionSnapshot>("StartSession", postId);

        Assert.Equal(live.Select(e => (e.Seq, e.Kind, e.Text)), resumed.Select(e => (e.Seq, e.Kind, e.Text)));
        Assert.Equal(snapshot.SessionId, again.SessionId);
        Assert.Equal(NodeApp.Tokens(live), again.Turns[^1].Text);
        Assert.Equal(SessionTurnStatus.Complete, again.Turns[^1].Status);
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a closing handle; the temp folder is cleaned by the OS.
        }
    }
}
