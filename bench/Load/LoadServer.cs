using System.Diagnostics;
using FeedEngine.Bench.Sessions;
using FeedEngine.Inference;
using FeedEngine.Inference.Scheduling;
using FeedEngine.Inference.TestModels;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FeedEngine.Bench.Load;

/// <summary>
/// The server side of <c>load</c>, run in its own process so that its CPU and memory are measured apart from the load
/// generator's: the real FeedEngine app (found through a type of its assembly; the bench has a Program of its own) (hub, auth, grains, embedded store) on Kestrel, with a fixed-rate scripted model.
/// Prints <c>READY {url}</c>, then serves until its standard input closes, answering a <c>gc</c> line with <c>GC gen0 gen1 gen2 pause-ms allocated-bytes</c>, a <c>heap</c> line with <c>HEAP bytes</c> (the managed heap after a full collection), and a <c>pool</c> line with
/// <c>POOL threads peak-threads peak-queue lock-contentions</c> (the thread pool's most threads and longest queue since the last <c>pool</c> line),
/// and a <c>pauses</c> line with <c>PAUSES start:ms:promoted ...</c> (each garbage collection since the last <c>pauses</c> line: when it began, as a
/// <see cref="System.Diagnostics.Stopwatch"/> timestamp, how long it paused the process, and how many bytes it kept).
/// </summary>
static class LoadServer
{
    public static async Task<int> RunAsync(string[] args)
    {
        var tokens = LoadBenchmark.Option(args, "--tokens", 100);
        var rate = LoadBenchmark.Option(args, "--rate", 20);
        var ttftMs = LoadBenchmark.Option(args, "--ttft-ms", 0);
        var frameMs = LoadBenchmark.Option(args, "--frame-ms", 50);
        var viewers = LoadBenchmark.Option(args, "--viewers", 1000);
        var onnx = LoadBenchmark.Text(args, "--model", "scripted") == "onnx";
        var redis = LoadBenchmark.Text(args, "--redis", "");
        var node = LoadBenchmark.Option(args, "--node", 1);
        var data = Directory.CreateTempSubdirectory("feedengine-load-").FullName;
        var model = new ScheduledChatClient(new FixedRateChatClient(tokens, rate, TimeSpan.FromMilliseconds(ttftMs)),
            new GenerationScheduler("bench", maxConcurrent: viewers * 2, maxQueue: 0, TimeProvider.System, new InferenceMetrics()));
        // The larger generated ONNX model (random weights, real format) through the real onnx provider and its scheduler.
        var modelFolder = onnx ? TestModelGenerator.Ensure(Path.Combine(Path.GetTempPath(), "feedengine-bench-model"), TestModelSpec.Bench) : null;

        // The web project's folder (static assets, appsettings): found from the repository root above the bench's output.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_FEEDENGINE_WEB", WebProjectFolder());
        // An explicit free port, also as the URL: otherwise this host listened on 5000, so two nodes (or two benches) collided.
        var port = FreePort();
        await using var app = new WebApplicationFactory<FeedEngine.Web.Hosting.SiloHostOptions>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Production");
            web.UseUrls($"http://127.0.0.1:{port}");
            foreach (var (key, value) in new Dictionary<string, string>
            {
                ["Storage:DataDirectory"] = data,
                ["Orleans:SiloPort"] = $"{21210 + node}",
                ["Orleans:GatewayPort"] = $"{31210 + node}",
                ["Orleans:ClusterId"] = LoadBenchmark.Text(args, "--cluster-id", "load"),
                ["Auth:AuthRequestsPerMinute"] = "100000",
                ["Safety:RateLimits:UserRequestsPerMinute"] = "100000",
                ["Safety:RateLimits:AnonymousRequestsPerMinute"] = "100000",
                ["Sessions:SendsPerMinute"] = "10000",
                ["Safety:Quotas:GenerationsPerDay"] = "100000",
                ["Safety:Quotas:GuestGenerationsPerDay"] = "100000",
                ["Safety:RateLimits:MessagesPerMinute"] = "10000",
                ["Sessions:SemanticLoreThreshold"] = "0",
                ["Sessions:FrameMilliseconds"] = $"{frameMs}",
                ["Logging:LogLevel:Default"] = "Warning",
            }) web.UseSetting(key, value);
            // Several nodes form one Orleans cluster through Redis (each with its own embedded store: see bench/README.md).
            if (redis.Length > 0) web.UseSetting("Orleans:Redis", redis);
            if (modelFolder is not null)
            {
                web.UseSetting("Inference:Model", modelFolder);
                web.UseSetting("Inference:MaxConcurrent", $"{Environment.ProcessorCount}");
                web.UseSetting("Inference:MaxQueue", $"{viewers * 2}");
                web.UseSetting("Sessions:ReplyTokens", $"{tokens}");
                web.UseSetting("Sessions:BytesPerToken", "1");
            }
            web.ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Warning));
            if (modelFolder is null) web.ConfigureTestServices(services => services.AddSingleton<IChatClient>(model));
        });
        app.UseKestrel(port);
        app.StartServer();
        var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()
            .Replace("[::]", "127.0.0.1").Replace("localhost", "127.0.0.1").TrimEnd('/');
        var pool = PoolWatch.Start();
        Console.WriteLine($"READY {url}");
        // Serves until standard input closes; a "gc" line asks for the process's garbage collector figures so far.
        while (await Console.In.ReadLineAsync() is { } command)
        {
            if (command == "heap")
            {
                // The managed heap after a full, compacting collection: what the process's objects really hold.
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
                GC.WaitForPendingFinalizers();
                Console.WriteLine($"HEAP {GC.GetTotalMemory(forceFullCollection: true)}");
            }
            if (command == "pool") Console.WriteLine(pool.TakeLine());
            if (command == "pauses") Console.WriteLine(pool.TakePauses());
            if (command == "gc") Console.WriteLine($"GC {GC.CollectionCount(0)} {GC.CollectionCount(1)} {GC.CollectionCount(2)} {GC.GetTotalPauseDuration().TotalMilliseconds:0.0} {GC.GetTotalAllocatedBytes()}");
        }
        try
        {
            Directory.Delete(data, recursive: true);
        }
        catch (IOException)
        {
            // The store may still be closing; the temp folder is cleaned by the OS.
        }
        return 0;
    }

    static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    static string WebProjectFolder()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "FeedEngine.sln"))) directory = directory.Parent;
        return Path.Combine(directory?.FullName ?? throw new InvalidOperationException("Run the bench from the repository (FeedEngine.sln not found)."), "web", "FeedEngine.Web");
    }

    /// <summary>
    /// Samples the thread pool every 2 ms: its most threads and longest queue of work since the last look; and notes
    /// when each garbage collection paused the process (a <see cref="Stopwatch"/> timestamp, the same clock in every
    /// process on the machine, the pause's length and the bytes it promoted). Its 500 wake-ups a second cost the server
    /// well under 1 % of a core.
    /// </summary>
    internal sealed class PoolWatch
    {
        int peakThreads;
        long peakQueue;
        readonly System.Collections.Concurrent.ConcurrentQueue<(long At, double PauseMs, long PromotedBytes)> pauses = new();

        public static PoolWatch Start()
        {
            var watch = new PoolWatch();
            var thread = new Thread(() =>
            {
                var collections = GC.CollectionCount(0);
                var paused = GC.GetTotalPauseDuration();
                while (true)
                {
                    Interlocked.Exchange(ref watch.peakThreads, Math.Max(Volatile.Read(ref watch.peakThreads), ThreadPool.ThreadCount));
                    Interlocked.Exchange(ref watch.peakQueue, Math.Max(Interlocked.Read(ref watch.peakQueue), ThreadPool.PendingWorkItemCount));
                    if (GC.CollectionCount(0) != collections)
                    {
                        // Seen at most 2 ms after the pause ended: it began its own length before now.
                        var pause = GC.GetTotalPauseDuration() - paused;
                        watch.pauses.Enqueue((Stopwatch.GetTimestamp() - (long)(pause.TotalSeconds * Stopwatch.Frequency), pause.TotalMilliseconds,
                            GC.GetGCMemoryInfo(GCKind.Any).PromotedBytes));
                        collections = GC.CollectionCount(0);
                        paused += pause;
                    }
                    Thread.Sleep(2);
                }
            }) { IsBackground = true, Name = "pool watch" };
            thread.Start();
            return watch;
        }

        /// <summary><c>PAUSES at:ms:kept ...</c>: the collections since the last look (start timestamp, pause length, bytes promoted).</summary>
        public string TakePauses() =>
            "PAUSES " + string.Join(' ', TakePauseList().Select(pause => FormattableString.Invariant($"{pause.At}:{pause.PauseMs:0.0}:{pause.PromotedBytes}")));

        /// <summary>The collections since the last look, as values (how the load generator reads its own).</summary>
        public List<(long At, double PauseMs, long PromotedBytes)> TakePauseList()
        {
            var taken = new List<(long, double, long)>();
            while (pauses.TryDequeue(out var pause)) taken.Add(pause);
            return taken;
        }

        public string TakeLine() =>
            $"POOL {ThreadPool.ThreadCount} {Interlocked.Exchange(ref peakThreads, 0)} {Interlocked.Exchange(ref peakQueue, 0)} {Monitor.LockContentionCount}";
    }
}
