using System.Net.Http.Json;
using System.Text.Json;
using FeedEngine.Storage.Embedded;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace FeedEngine.Cluster.Tests.Nodes;

/// <summary>
/// One FeedEngine app node in process, on Kestrel (127.0.0.1, a free port), with its co-hosted silo on free ports and a
/// paced model. Nodes given the same <see cref="EmbeddedDatabase"/> share one store, as nodes share MongoDB; nodes
/// given the same Redis address form one Orleans cluster.
/// </summary>
public sealed class NodeApp(string dataDirectory, EmbeddedDatabase? store, string? redis = null, string clusterId = "", int replyTokens = 40, int tokenMilliseconds = 5)
    : KestrelAppFactory
{
    public PacedChatClient Model { get; } = new("node", replyTokens, TimeSpan.FromMilliseconds(tokenMilliseconds));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        // UseSetting, not app configuration: Program reads the clustering choice while the host is built.
        foreach (var (key, value) in new Dictionary<string, string?>
        {
            ["Storage:DataDirectory"] = dataDirectory,
            ["Orleans:SiloPort"] = FreePort().ToString(),
            ["Orleans:GatewayPort"] = FreePort().ToString(),
            ["Orleans:ClusterId"] = clusterId.Length > 0 ? clusterId : "test-" + Guid.NewGuid().ToString("n"),
            ["Orleans:Redis"] = redis,
            ["Auth:AuthRequestsPerMinute"] = "100000",
            ["Safety:RateLimits:UserRequestsPerMinute"] = "100000",
            ["Safety:RateLimits:AnonymousRequestsPerMinute"] = "100000",
            ["Sessions:SendsPerMinute"] = "10000",
            ["Safety:Quotas:GenerationsPerDay"] = "100000",
            ["Safety:Quotas:GuestGenerationsPerDay"] = "100000",
            ["Safety:RateLimits:MessagesPerMinute"] = "10000",
            ["Sessions:FrameMilliseconds"] = "5",
            ["Sessions:BytesPerToken"] = "1",
            ["Sessions:SemanticLoreThreshold"] = "0",
        })
        {
            if (value is not null) builder.UseSetting(key, value);
        }
        builder.ConfigureTestServices(services =>
        {
            if (store is not null) services.AddSingleton(store);
            services.AddSingleton<IChatClient>(Model);
        });
    }

    /// <summary>Starts Kestrel; the node then answers on <see cref="KestrelAppFactory.BaseUrl"/>.</summary>
    public NodeApp Start()
    {
        StartKestrel();
        return this;
    }

    /// <summary>The first post of the feed (the demo content seeded on an empty store).</summary>
    public async Task<string> FirstPostIdAsync()
    {
        using var http = Http();
        var feed = await http.GetFromJsonAsync<JsonElement>("/api/feed");
        return feed.GetProperty("items").EnumerateArray().First(i => i.GetProperty("kind").GetString() == "post").GetProperty("postId").GetString()!;
    }
}
