using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Serialization;
using FeedEngine.Storage.Embedded;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Mvc.Testing;

namespace FeedEngine.Cluster.Tests.Nodes;

/// <summary>
/// One FeedEngine app node in process, on Kestrel (127.0.0.1, a free port), with its co-hosted silo on free ports and a
/// paced model. Nodes given the same <see cref="EmbeddedDatabase"/> share one store, as nodes share MongoDB; nodes
/// given the same Redis address form one Orleans cluster.
/// </summary>
public sealed class NodeApp(string dataDirectory, EmbeddedDatabase? store, string? redis = null, string clusterId = "", int replyTokens = 40, int tokenMilliseconds = 5)
    : WebApplicationFactory<Program>
{
    public PacedChatClient Model { get; } = new("node", replyTokens, TimeSpan.FromMilliseconds(tokenMilliseconds));
    public string BaseUrl { get; private set; } = "";

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

    /// <summary>Starts Kestrel; the node then answers on <see cref="BaseUrl"/>.</summary>
    public NodeApp Start()
    {
        UseKestrel(0);
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUrl = addresses.First().Replace("[::]", "127.0.0.1").Replace("localhost", "127.0.0.1").TrimEnd('/');
        return this;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public HttpClient Http() => new() { BaseAddress = new Uri(BaseUrl) };

    public async Task<string> GuestTokenAsync()
    {
        using var http = Http();
        var response = await http.PostAsync("/api/auth/guest", null);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    /// <summary>The first post of the feed (the demo content seeded on an empty store).</summary>
    public async Task<string> FirstPostIdAsync()
    {
        using var http = Http();
        var feed = await http.GetFromJsonAsync<JsonElement>("/api/feed");
        return feed.GetProperty("items").EnumerateArray().First(i => i.GetProperty("kind").GetString() == "post").GetProperty("postId").GetString()!;
    }

    /// <summary>A started hub connection, WebSockets with negotiation skipped, to <paramref name="baseUrl"/> (default: this node).</summary>
    public static async Task<HubConnection> ConnectAsync(string baseUrl, string token)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl($"{baseUrl}/hubs/feed", o =>
            {
                o.AccessTokenProvider = () => Task.FromResult<string?>(token);
                o.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
            })
            .AddJsonProtocol(o =>
            {
                o.PayloadSerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
                o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
            })
            .Build();
        await connection.StartAsync();
        return connection;
    }

    /// <summary>Reads a hub stream until a turn event, then stops it; fails after 60 s.</summary>
    public static async Task<List<SessionEvent>> ReadUntilTurnAsync(HubConnection connection, string method, params object?[] arguments)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var events = new List<SessionEvent>();
        await foreach (var item in connection.StreamAsyncCore<SessionEvent>(method, arguments, timeout.Token))
        {
            events.Add(item);
            if (item.Kind == SessionEventKind.Turn) break;
        }
        return events;
    }

    public static string Tokens(IEnumerable<SessionEvent> events) =>
        string.Concat(events.Where(e => e.Kind == SessionEventKind.Token).Select(e => e.Text));
}
