using System.Net.Http.Json;
using System.Text.Json;
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
        await using var pair = await NodePair.StartAsync(redis.Address);
        var (a, b) = (pair.A, pair.B);

        var token = await a.GuestTokenAsync();
        var postId = await a.FirstPostIdAsync();
        await using var onA = await HubClients.ConnectAsync(a.BaseUrl, token);
        var snapshot = await onA.InvokeAsync<SessionSnapshot>("StartSession", postId);
        var live = await HubClients.ReadUntilTurnAsync(onA, "Send", snapshot.SessionId, "Hello from node A.", Array.Empty<string>());

        await using var onB = await HubClients.ConnectAsync(b.BaseUrl, token);
        var resumed = await HubClients.ReadUntilTurnAsync(onB, "Resume", snapshot.SessionId, snapshot.LastEventSeq);
        var again = await onB.InvokeAsync<SessionSnapshot>("StartSession", postId);

        Assert.Equal(live.Select(e => (e.Seq, e.Kind, e.Text)), resumed.Select(e => (e.Seq, e.Kind, e.Text)));
        Assert.Equal(snapshot.SessionId, again.SessionId);
        Assert.Equal(HubClients.Tokens(live), again.Turns[^1].Text);
        Assert.Equal(SessionTurnStatus.Complete, again.Turns[^1].Status);
    }

    [SkippableFact]
    public async Task CoPlayRoom_ownerOnNodeA_participantOnNodeB_bothReceiveTheSameReply()
    {
        Skip.If(redis.SkipReason is not null, redis.SkipReason);
        await using var pair = await NodePair.StartAsync(redis.Address);
        var (a, b) = (pair.A, pair.B);

        var postId = await a.FirstPostIdAsync();
        await using var owner = await HubClients.ConnectAsync(a.BaseUrl, await a.GuestTokenAsync());
        await using var participant = await HubClients.ConnectAsync(b.BaseUrl, await b.GuestTokenAsync());
        var snapshot = await owner.InvokeAsync<SessionSnapshot>("StartSession", postId);
        var share = await owner.InvokeAsync<RoomShare>("ShareSession", snapshot.SessionId);
        var joined = await participant.InvokeAsync<SessionSnapshot>("JoinSession", share.RoomCode);
        Assert.Equal(snapshot.SessionId, joined.SessionId);
        // "Talking now" is counted across the nodes: the owner on A and the participant on B, read on either.
        await ExpectTalkingNowAsync(b, postId, 2);
        await ExpectTalkingNowAsync(a, postId, 2);

        // The participant follows live on node B while the owner talks on node A.
        var following = HubClients.ReadUntilTurnAsync(participant, "Resume", joined.SessionId, joined.LastEventSeq);
        var sent = await HubClients.ReadUntilTurnAsync(owner, "Send", snapshot.SessionId, "Hello to the room from node A.", Array.Empty<string>());
        var followed = await following;

        Assert.Equal(SessionTurnStatus.Complete, sent[^1].TurnStatus);
        Assert.NotEmpty(HubClients.Tokens(sent));
        Assert.Equal(HubClients.Tokens(sent), HubClients.Tokens(followed));
        Assert.Contains(followed, e => e.Kind == SessionEventKind.Message && e.Text == "Hello to the room from node A.");
        Assert.Equal(sent.Select(e => (e.Seq, e.Kind, e.Text)), followed.SkipWhile(e => e.Seq < sent[0].Seq).Select(e => (e.Seq, e.Kind, e.Text)));
    }

    /// <summary>Waits (generously: reports travel in the background) until the node's feed shows <paramref name="expected"/> on the post.</summary>
    static async Task ExpectTalkingNowAsync(NodeApp node, string postId, int expected)
    {
        using var http = node.Http();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var feed = await http.GetFromJsonAsync<JsonElement>("/api/feed?pageSize=50");
            var seen = feed.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("postId").GetString() == postId).GetProperty("talkingNow").GetInt32();
            if (seen == expected) return;
            Assert.True(DateTime.UtcNow < deadline, $"talking now on {postId} stayed {seen}, expected {expected}");
            await Task.Delay(50);
        }
    }

    /// <summary>Two app nodes on one store that have formed one Orleans cluster through Redis.</summary>
    sealed class NodePair : IAsyncDisposable
    {
        readonly string root = Directory.CreateTempSubdirectory("feedengine-redis-nodes-").FullName;
        EmbeddedDatabase store = null!;
        public NodeApp A { get; private set; } = null!;
        public NodeApp B { get; private set; } = null!;

        public static async Task<NodePair> StartAsync(string redis)
        {
            var pair = new NodePair();
            pair.store = new EmbeddedDatabase(Options.Create(new StorageOptions { DataDirectory = Path.Combine(pair.root, "store") }));
            var clusterId = "redis-" + Guid.NewGuid().ToString("n");
            pair.A = new NodeApp(Path.Combine(pair.root, "a"), pair.store, redis, clusterId).Start();
            pair.B = new NodeApp(Path.Combine(pair.root, "b"), pair.store, redis, clusterId).Start();

            // Both silos see each other through the Redis membership table.
            var management = pair.A.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0);
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while ((await management.GetHosts(onlyActive: true)).Count < 2)
            {
                var hosts = await management.GetHosts(onlyActive: false);
                Assert.True(DateTime.UtcNow < deadline, "The two nodes did not form one cluster through Redis: " + string.Join(", ", hosts.Select(h => $"{h.Key} {h.Value}")));
                await Task.Delay(100);
            }
            return pair;
        }

        public async ValueTask DisposeAsync()
        {
            await B.DisposeAsync();
            await A.DisposeAsync();
            store.Dispose();
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
}
