using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace FeedEngine.Cluster.Tests.Connections;

/// <summary>
/// A TCP proxy on 127.0.0.1 in front of one app node. <see cref="CutAll"/> resets every open connection at once,
/// as a lost network does: no close frame, no goodbye.
/// </summary>
public sealed class LoopbackProxy : IAsyncDisposable
{
    readonly TcpListener listener = new(IPAddress.Loopback, 0);
    readonly int targetPort;
    readonly ConcurrentDictionary<Socket, byte> open = new();
    readonly CancellationTokenSource stopping = new();
    readonly Task accepting;

    public LoopbackProxy(int targetPort)
    {
        this.targetPort = targetPort;
        listener.Start();
        accepting = AcceptAsync();
    }

    public string BaseUrl => $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";

    public int Cuts { get; private set; }

    /// <summary>Resets every connection open now; returns how many there were.</summary>
    public int CutAll()
    {
        var cut = 0;
        foreach (var socket in open.Keys)
        {
            if (!open.TryRemove(socket, out _)) continue;
            socket.LingerState = new LingerOption(true, 0);
            socket.Close();
            cut++;
        }
        if (cut > 0) Cuts++;
        return cut;
    }

    async Task AcceptAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptSocketAsync(stopping.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            _ = PipeAsync(client);
        }
    }

    async Task PipeAsync(Socket client)
    {
        var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await server.ConnectAsync(IPAddress.Loopback, targetPort, stopping.Token);
            open[client] = 0;
            open[server] = 0;
            await Task.WhenAny(CopyAsync(client, server), CopyAsync(server, client));
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The connection ended (or was cut); both sides are closed below.
        }
        finally
        {
            open.TryRemove(client, out _);
            open.TryRemove(server, out _);
            client.Dispose();
            server.Dispose();
        }
    }

    static async Task CopyAsync(Socket from, Socket to)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None);
                if (read == 0) return;
                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Cut: the other copy ends too.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        CutAll();
        await accepting;
        stopping.Dispose();
    }
}
