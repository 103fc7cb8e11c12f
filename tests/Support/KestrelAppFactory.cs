using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace FeedEngine.Testing;

/// <summary>
/// The real FeedEngine app for tests that talk to it as browsers do: on Kestrel at 127.0.0.1 (a free port) once
/// <see cref="StartKestrel"/> is called, with guest tokens and the real SignalR client (<see cref="HubClients"/>).
/// Shared, as a linked source file, by the test hosts of the web and cluster tests.
/// </summary>
public abstract class KestrelAppFactory : WebApplicationFactory<Program>
{
    /// <summary>Where the started app answers, e.g. <c>http://127.0.0.1:40123</c>.</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>Starts the app on Kestrel; it then answers on <see cref="BaseUrl"/>.</summary>
    public void StartKestrel()
    {
        UseKestrel(0);
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUrl = addresses.First().Replace("[::]", "127.0.0.1").Replace("localhost", "127.0.0.1").TrimEnd('/');
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A client of the started app (over the network, not the test server).</summary>
    public HttpClient Http() => new() { BaseAddress = new Uri(BaseUrl) };

    /// <summary>A new guest's access token.</summary>
    public async Task<string> GuestTokenAsync() => (await NewGuestAsync()).Token;

    /// <summary>A new guest: their access token and viewer id.</summary>
    public async Task<(string Token, string ViewerId)> NewGuestAsync()
    {
        using var http = Http();
        var response = await http.PostAsync("/api/auth/guest", null);
        response.EnsureSuccessStatusCode();
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (json.GetProperty("accessToken").GetString()!, json.GetProperty("viewerId").GetString()!);
    }

    /// <summary>A new guest connected to the hub, with their viewer id.</summary>
    public async Task<(HubConnection Connection, string ViewerId)> ConnectNewGuestAsync()
    {
        var (token, viewerId) = await NewGuestAsync();
        return (await ConnectAsync(token), viewerId);
    }

    /// <summary>A started connection to this app's hub for the holder of <paramref name="token"/>.</summary>
    public Task<HubConnection> ConnectAsync(string token) => HubClients.ConnectAsync(BaseUrl, token);
}
