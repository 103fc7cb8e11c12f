using System.Diagnostics;
using System.Net.Sockets;

namespace FeedEngine.Cluster.Tests.Nodes;

/// <summary>
/// Debian's redis-server on a free 127.0.0.1 port with a temp folder, started for the tests and stopped after them.
/// <see cref="SkipReason"/> says why there is none (only when the binary is missing; scripts/test.sh installs it).
/// </summary>
public sealed class RedisServer : IAsyncLifetime
{
    static readonly string[] Candidates = ["/usr/bin/redis-server", "/usr/local/bin/redis-server"];
    readonly string folder = Directory.CreateTempSubdirectory("feedengine-redis-").FullName;
    Process? process;

    public int Port { get; } = NodeApp.FreePort();
    public string Address => $"127.0.0.1:{Port}";
    public string? SkipReason { get; private set; }

    public async Task InitializeAsync()
    {
        var binary = Candidates.FirstOrDefault(File.Exists);
        if (binary is null)
        {
            SkipReason = "redis-server is not installed (apt-get install redis-server; scripts/test.sh does it).";
            return;
        }
        process = Process.Start(new ProcessStartInfo(binary)
        {
            ArgumentList = { "--port", Port.ToString(), "--bind", "127.0.0.1", "--dir", folder, "--save", "", "--appendonly", "no", "--protected-mode", "yes" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
                await Task.Delay(50);
            }
        }
    }

    public Task DisposeAsync()
    {
        if (process is { HasExited: false }) process.Kill(entireProcessTree: true);
        process?.Dispose();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // The server may still be closing its files; the temp folder is cleaned by the OS.
        }
        return Task.CompletedTask;
    }
}
