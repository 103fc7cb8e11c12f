using System.Text.Json;
using System.Text.Json.Serialization;
using FeedEngine.Engine.Abstractions.Sessions;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace FeedEngine.Testing;

/// <summary>The real SignalR .NET client as the tests use it: WebSockets with negotiation skipped, the hub's JSON shape.</summary>
public static class HubClients
{
    /// <summary>
    /// One set of payload options for every connection. Options of their own per connection (each with its own enum
    /// converter) made every connection build the JSON metadata of <see cref="SessionEvent"/> on its first token: in the
    /// load benchmark that was every measured first token, and most of the load generator's garbage.
    /// </summary>
    static JsonSerializerOptions? payloadJson;

    /// <summary>The protocol's own defaults (of the first connection) with the hub's enum names, shared from then on.</summary>
    static JsonSerializerOptions SharedPayloadJson(JsonSerializerOptions defaults)
    {
        if (Volatile.Read(ref payloadJson) is { } shared) return shared;
        defaults.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        defaults.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        return Interlocked.CompareExchange(ref payloadJson, defaults, null) ?? defaults;
    }

    /// <summary>A started connection to <c>{baseUrl}/hubs/feed</c> for the holder of <paramref name="token"/>.</summary>
    public static async Task<HubConnection> ConnectAsync(string baseUrl, string token)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl($"{baseUrl}/hubs/feed", o =>
            {
                o.AccessTokenProvider = () => Task.FromResult<string?>(token);
                o.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
            })
            .AddJsonProtocol(o => o.PayloadSerializerOptions = SharedPayloadJson(o.PayloadSerializerOptions))
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

    /// <summary>The text of the token events, in order.</summary>
    public static string Tokens(IEnumerable<SessionEvent> events) =>
        string.Concat(events.Where(e => e.Kind == SessionEventKind.Token).Select(e => e.Text));
}
