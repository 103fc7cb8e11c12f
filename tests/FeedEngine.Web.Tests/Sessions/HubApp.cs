using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using FeedEngine.Engine.Abstractions.Sessions;
using FeedEngine.Inference.TestModels;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace FeedEngine.Web.Tests.Sessions;

/// <summary>
/// FeedEngine on Kestrel (127.0.0.1, a free port) answering with a generated ONNX model (random weights, real format)
/// through the real onnx provider: slow enough (a few hundred tokens a second) that a test can drop a connection in the
/// middle of a reply. Clients are the real SignalR .NET client over WebSockets with guest tokens.
/// </summary>
public sealed class HubApp : FeedEngineApp, IAsyncLifetime
{
    public const int SendsPerMinute = 4;
    public const int ReplyTokens = 300;

    string ModelFolder => Path.Combine(DataDirectory, "test-model");

    public string BaseUrl { get; private set; } = "";

    protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
    [
        .. base.Settings(),
        new("Inference:Model", ModelFolder),
        new("Inference:MaxConcurrent", "4"),
        new("Sessions:ReplyTokens", ReplyTokens.ToString()),
        new("Sessions:BytesPerToken", "1"),
        new("Sessions:SendsPerMinute", SendsPerMinute.ToString()),
        new("Sessions:SemanticLoreThreshold", "0"),
    ];

    public Task InitializeAsync()
    {
        TestModelGenerator.Ensure(ModelFolder, TestModelSpec.Bench);
        UseKestrel(0);
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUrl = addresses.First().Replace("[::]", "127.0.0.1").Replace("localhost", "127.0.0.1").TrimEnd('/');
        return Task.CompletedTask;
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    /// <summary>A new guest's access token.</summary>
    public async Task<string> GuestTokenAsync()
    {
        using var http = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        var response = await http.PostAsync("/api/auth/guest", null);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    /// <summary>A started connection to /hubs/feed for the holder of <paramref name="token"/>.</summary>
    public async Task<HubConnection> ConnectAsync(string token)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl($"{BaseUrl}/hubs/feed", o =>
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

    /// <summary>Reads a stream to its end (Send's ends after its turn event), failing after 60 s.</summary>
    public static async Task<List<SessionEvent>> ReadAllAsync(IAsyncEnumerable<SessionEvent> stream)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var events = new List<SessionEvent>();
        await foreach (var item in stream.WithCancellation(timeout.Token)) events.Add(item);
        return events;
    }

    /// <summary>Reads until the turn event of <paramref name="turnSeq"/> (or any turn event), then stops the stream.</summary>
    public static async Task<List<SessionEvent>> ReadUntilTurnAsync(HubConnection connection, string method, params object[] arguments)
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

[CollectionDefinition(Name)]
public sealed class HubCollection : ICollectionFixture<HubApp>
{
    public const string Name = "hub";
}
