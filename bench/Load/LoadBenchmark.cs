using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using FeedEngine.Bench.Sessions;
using FeedEngine.Engine.Abstractions.Sessions;
using Microsoft.AspNetCore.SignalR.Client;

namespace FeedEngine.Bench.Load;

/// <summary>
/// N concurrent viewers on loopback, each a real SignalR client (WebSockets, negotiation skipped) with a guest token,
/// each talking to its own session on the real app in another process (<see cref="LoadServer"/>) whose model writes at a
/// fixed rate. Reports delivered tokens/s, the time added to the model's first token, inter-token gaps, server CPU per
/// 1,000 tokens, the server's allocation and collections, its managed heap per connected viewer and per idle session, and
/// the load generator's share of the CPU.
/// </summary>
static class LoadBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var viewers = Option(args, "--viewers", 1000);
        var tokens = Option(args, "--tokens", 100);
        var rate = Option(args, "--rate", 20);
        var ttftMs = Option(args, "--ttft-ms", 0);
        // The server's frame interval (Sessions:FrameMilliseconds, 50 by default): wider frames carry more tokens per event.
        var frameMs = Option(args, "--frame-ms", 50);
        var replies = Option(args, "--replies", 2);
        var nodes = Math.Clamp(Option(args, "--nodes", 1), 1, 4);
        // 0 (the default): every viewer's first Send at the same instant; N: first Sends spread evenly over N ms.
        var spreadMs = Option(args, "--spread-ms", 0);
        var model = Text(args, "--model", "scripted");
        // lean (the default): LeanHubClient, the hub's JSON protocol read in place; signalr: the SignalR .NET client.
        var client = Text(args, "--client", "lean");
        if (client is not ("lean" or "signalr"))
        {
            Console.WriteLine("--client is lean (the hub's protocol spoken directly) or signalr (the SignalR .NET client).");
            return 2;
        }
        // Viewers per node that talk before the timed run (the ONNX model is slow: two there).
        var warmups = Math.Min(Option(args, "--warmup", model == "onnx" ? 2 : 50), 1000);
        if (model is not ("scripted" or "onnx"))
        {
            Console.WriteLine("--model is scripted (fixed rate) or onnx (the generated benchmark model).");
            return 2;
        }

        // Two or more nodes form one Orleans cluster through a Redis started here (Debian's redis-server).
        var redis = nodes > 1 ? StartRedis() : null;
        if (nodes > 1 && redis is null) return 1;
        var redisAddress = redis is null ? "" : $"127.0.0.1:{RedisPort}";
        var clusterId = "load-" + Guid.NewGuid().ToString("n")[..8];
        var servers = new List<Process>();
        try
        {
            var urls = new List<string>();
            for (var node = 1; node <= nodes; node++)
            {
                var (server, url) = await StartServerAsync(
                    ["--tokens", $"{tokens}", "--rate", $"{rate}", "--ttft-ms", $"{ttftMs}", "--frame-ms", $"{frameMs}", "--viewers", $"{viewers}", "--model", model,
                     "--node", $"{node}", "--cluster-id", clusterId, .. (redisAddress.Length > 0 ? (string[])["--redis", redisAddress] : [])]);
                if (server is null) return 1;
                servers.Add(server);
                urls.Add(url);
            }
            Console.WriteLine($"server frames: at most one every {frameMs} ms per stream (Sessions:FrameMilliseconds; --frame-ms N)");
            return await MeasureAsync(servers, urls, viewers, tokens, rate, ttftMs, replies, model, spreadMs, warmups, client);
        }
        finally
        {
            foreach (var server in servers)
            {
                server.StandardInput.Close();
                if (!server.WaitForExit(TimeSpan.FromSeconds(20))) server.Kill(entireProcessTree: true);
                server.Dispose();
            }
            if (redis is not null)
            {
                redis.Kill();
                redis.Dispose();
            }
        }
    }

    const int RedisPort = 26379;

    static Process? StartRedis()
    {
        if (!File.Exists("/usr/bin/redis-server"))
        {
            Console.WriteLine("--nodes needs redis-server (apt-get install redis-server).");
            return null;
        }
        var start = new ProcessStartInfo("/usr/bin/redis-server") { RedirectStandardOutput = true };
        foreach (var argument in (string[])["--port", $"{RedisPort}", "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]) start.ArgumentList.Add(argument);
        var redis = Process.Start(start)!;
        _ = redis.StandardOutput.ReadToEndAsync();
        return redis;
    }

    static async Task<(Process? Server, string Url)> StartServerAsync(string[] arguments)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardInput = true, RedirectStandardOutput = true };
        foreach (var argument in (string[])[.. ServerArguments(), "load-server", .. arguments]) start.ArgumentList.Add(argument);
        // The app runs with the server garbage collector (FeedEngine.Web is a web project: its runtimeconfig says
        // System.GC.Server); the bench is a console program, so without this its server process ran on the workstation
        // collector, which paused it for a fifth of the timed run (1,000 viewers) and is not what production runs.
        start.Environment["DOTNET_gcServer"] = "1";
        var server = Process.Start(start)!;
        string? ready;
        while ((ready = await server.StandardOutput.ReadLineAsync()) is not null && !ready.StartsWith("READY ", StringComparison.Ordinal)) Console.WriteLine($"server: {ready}");
        if (ready is null)
        {
            Console.WriteLine("The server process ended before it was ready.");
            return (null, "");
        }
        var answers = System.Threading.Channels.Channel.CreateUnbounded<string>();
        ServerAnswers[server] = answers;
        _ = Task.Run(async () =>
        {
            while (await server.StandardOutput.ReadLineAsync() is { } line)
                if (AnswerWords.Contains(line.Split(' ', 2)[0])) answers.Writer.TryWrite(line);
        });
        return (server, ready["READY ".Length..]);
    }

    static async Task<int> MeasureAsync(List<Process> servers, List<string> urls, int viewers, int tokens, int rate, int ttftMs, int replies, string model, int spreadMs, int warmups, string client)
    {
        var onnx = model == "onnx";
        var url = urls[0];
        Console.WriteLine(onnx
            ? $"load: {viewers} viewers over SignalR on loopback, {replies} replies each; the generated ONNX benchmark model (TestModelSpec.Bench) through the onnx provider, up to {tokens} tokens a reply, {Environment.ProcessorCount} generations at once"
            : $"load: {viewers} viewers over SignalR on loopback, {replies} replies each; model {tokens} tokens at {rate}/s per stream, {ttftMs} ms to first token (fixed rate)");
        if (urls.Count > 1) Console.WriteLine($"cluster: {urls.Count} app nodes (one Orleans cluster through Redis), viewers spread over them in turn: {string.Join(", ", urls)}");
        Console.WriteLine(spreadMs == 0
            ? $"first sends: all {viewers} at the same instant (a burst; --spread-ms N spreads them over N ms)"
            : $"first sends: spread evenly over {spreadMs} ms = an offered {OfferedRate(viewers, spreadMs):0} sends/s; each viewer's next Send follows its reply");
        Console.WriteLine(client == "lean"
            ? "clients: lean (the hub's JSON protocol over a WebSocket, read in place; --client signalr for the SignalR .NET client)"
            : "clients: the SignalR .NET client (--client lean for the lean one)");
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, load average {LoadAverage()} before the run");
        using var http = new HttpClient { BaseAddress = new Uri(url) };
        var feed = await http.GetFromJsonAsync<JsonElement>("/api/feed");
        var postId = feed.GetProperty("items").EnumerateArray().First(i => i.GetProperty("kind").GetString() == "post").GetProperty("postId").GetString()!;

        // Warm up: --warmup viewers per node (default 50) talk three times each, at the same time, in sessions of their
        // own, so that the server's paths are jitted (tiered compilation's later tiers included) and its pools have
        // grown before anything is timed. One exchange was too little: the JIT still took a tenth of the server's CPU
        // during the timed run.
        Console.WriteLine($"warm-up: {warmups} viewers per node, 3 exchanges each (--warmup N)");
        await Task.WhenAll(urls.Select(async node =>
        {
            using var nodeClient = new HttpClient { BaseAddress = new Uri(node) };
            var warm = new List<Viewer>();
            for (var i = 0; i < warmups; i++) warm.Add(await ConnectAsync(client, node, await GuestAsync(nodeClient)));
            await Task.WhenAll(warm.Select(async c =>
            {
                var session = await c.StartSessionAsync(postId);
                for (var r = 0; r < 3; r++) await c.ExchangeAsync(session, $"warm-up {r}", onnx);
            }));
            await Task.WhenAll(warm.Select(c => c.DisposeAsync().AsTask()));
        }));

        var selfWatch = LoadServer.PoolWatch.Start();
        var guestTokens = new List<string>();
        // Each viewer's token from the node it connects to (every node here has its own embedded store, and with it its own keys).
        var nodeHttp = urls.Select(u => new HttpClient { BaseAddress = new Uri(u) }).ToList();
        for (var i = 0; i < viewers; i++) guestTokens.Add(await GuestAsync(nodeHttp[i % urls.Count]));
        GC.Collect();
        var heapBefore = await ServerHeapAsync(servers);
        var rssBefore = ServerRss(servers);
        var connections = new List<Viewer>();
        foreach (var chunk in guestTokens.Index().Chunk(50)) connections.AddRange(await Task.WhenAll(chunk.Select(t => ConnectAsync(client, urls[t.Index % urls.Count], t.Item))));
        var sessions = await Task.WhenAll(connections.Select(c => c.StartSessionAsync(postId)));
        await Task.Delay(TimeSpan.FromSeconds(2));
        var rssConnected = ServerRss(servers);
        var heapConnected = await ServerHeapAsync(servers);

        // The generator's own set-up (the connections' buffers, the sessions' answers) collected now, not by its first
        // collection during the timed run (with the lean client, often its only one: 11 MiB kept, a 100 ms pause).
        GC.Collect();
        Console.WriteLine($"connected: {viewers} viewers, each in a session; timing starts now");
        var gcBefore = await ServerGcAsync(servers);
        var poolBefore = await ServerPoolAsync(servers);
        await ServerPausesAsync(servers);
        // The generator is the instrument, not what is measured: while it times the run it does not collect at all when
        // its allocation fits a no-GC region, so none of its pauses lands between a Send and the first token it times.
        // When its allocation outgrows the region, the region ends by itself and its collections are listed as before.
        var noCollections = StartNoCollections();
        selfWatch.TakePauseList();
        var selfAllocated = GC.GetTotalAllocatedBytes();
        var cpuServer = ServerCpu(servers);
        var cpuSelf = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var results = await Task.WhenAll(connections.Select(async (c, i) =>
        {
            var list = new List<Exchange>();
            if (spreadMs > 0) await Task.Delay(SpreadOffset(i, viewers, spreadMs));
            for (var r = 0; r < replies; r++) list.Add(await c.ExchangeAsync(sessions[i], $"Message {r} from viewer {i}.", onnx));
            return list;
        }));
        var wall = clock.Elapsed.TotalSeconds;
        selfAllocated = GC.GetTotalAllocatedBytes() - selfAllocated;
        var selfPauses = selfWatch.TakePauseList();
        var stillWithout = noCollections && System.Runtime.GCSettings.LatencyMode == System.Runtime.GCLatencyMode.NoGCRegion;
        if (stillWithout) GC.EndNoGCRegion();
        var serverSeconds = (ServerCpu(servers) - cpuServer).TotalSeconds;
        var gc = await ServerGcAsync(servers) - gcBefore;
        var pool = await ServerPoolAsync(servers);
        var pauses = await ServerPausesAsync(servers);
        var selfSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpuSelf).TotalSeconds;
        var all = results.SelectMany(r => r).ToList();
        var delivered = all.Sum(e => e.Tokens);
        var gaps = all.SelectMany(e => e.Gaps).Order().ToList();

        Console.WriteLine();
        var unit = onnx ? "characters (about one token each: the generated model's vocabulary is bytes)" : "tokens";
        var firstTokens = all.Where(e => !double.IsNaN(e.FirstTokenMs)).Select(e => e.FirstTokenMs - (onnx ? 0 : ttftMs)).Order().ToList();
        Console.WriteLine($"replies: {all.Count} ({all.Count(e => e.Complete)} complete), {unit} delivered: {delivered} in {wall:0.0} s = {delivered / wall:0}/s");
        Console.WriteLine($"sends: offered {(spreadMs == 0 ? $"{viewers} at once" : $"{OfferedRate(viewers, spreadMs):0}/s over the first {spreadMs} ms")}, {all.Count / wall:0.0}/s over the run");
        Console.WriteLine(onnx
            ? $"time to first token (Send -> first token event at the client, prompt prefill and queue included): p50 {Percentile(firstTokens, 50):0.0} ms, p99 {Percentile(firstTokens, 99):0.0} ms"
            : $"added time to first token (Send -> first token event at the client, less the model's {ttftMs} ms): p50 {Percentile(firstTokens, 50):0.0} ms, p99 {Percentile(firstTokens, 99):0.0} ms");
        if (replies > 1)
        {
            // A session's first reply pays for activating what the session touches first (the viewer's grain, quota, the post's program).
            var opening = results.Select(r => r[0]).Where(e => !double.IsNaN(e.FirstTokenMs)).Select(e => e.FirstTokenMs - (onnx ? 0 : ttftMs)).Order().ToList();
            var later = results.SelectMany(r => r.Skip(1)).Where(e => !double.IsNaN(e.FirstTokenMs)).Select(e => e.FirstTokenMs - (onnx ? 0 : ttftMs)).Order().ToList();
            var worst = results.SelectMany((r, v) => r.Select((e, n) => (Viewer: v, Reply: n, e.FirstTokenMs))).OrderByDescending(x => x.FirstTokenMs).Take(5);
            Console.WriteLine("  slowest: " + string.Join(", ", worst.Select(x => $"viewer {x.Viewer} reply {x.Reply} {x.FirstTokenMs:0} ms")));
            Console.WriteLine($"  of which a session's first reply p50 {Percentile(opening, 50):0.0} ms, p99 {Percentile(opening, 99):0.0} ms; later replies p50 {Percentile(later, 50):0.0} ms, p99 {Percentile(later, 99):0.0} ms");
        }
        Console.WriteLine(onnx
            ? $"inter-token-event gap at the client: p50 {Percentile(gaps, 50):0.0} ms, p99 {Percentile(gaps, 99):0.0} ms"
            : $"inter-token-event gap at the client: p50 {Percentile(gaps, 50):0.0} ms, p99 {Percentile(gaps, 99):0.0} ms (the model emits one token every {1000.0 / rate:0.0} ms; frames coalesce)");
        Console.WriteLine($"server CPU: {serverSeconds:0.00} s = {serverSeconds * 1000 / Math.Max(1, delivered) * 1000:0.0} ms per 1,000 {(onnx ? "characters, the model's own work included" : "tokens")}; load generator CPU {selfSeconds:0.00} s ({selfSeconds / (selfSeconds + serverSeconds):P0} of the two)");
        Console.WriteLine($"server garbage collection: {gc.AllocatedBytes / 1048576.0:0} MiB allocated = {gc.AllocatedBytes / 1024.0 / Math.Max(1, delivered):0.0} KiB per {(onnx ? "character" : "token")}; {gc.Gen0} gen0, {gc.Gen1} gen1, {gc.Gen2} gen2 collections, {gc.PauseMs:0} ms paused ({gc.PauseMs / 10 / wall:0.0} % of the run)");
        if (pauses.Count > 0 && firstTokens.Count > 0) Console.WriteLine(PauseShare("server", all, pauses));
        Console.WriteLine($"load generator: {selfAllocated / 1048576.0:0} MiB allocated during the timed run, " + (stillWithout
            ? $"no collection (a no-GC region of {NoCollectionsBytes >> 20} MiB)"
            : noCollections ? $"more than its no-GC region of {NoCollectionsBytes >> 20} MiB: it collected" : "collecting as usual (no no-GC region could be had)"));
        if (selfPauses.Count > 0 && firstTokens.Count > 0) Console.WriteLine(PauseShare("load generator's own", all, selfPauses));
        Console.WriteLine($"server thread pool: {pool.Threads} threads at the end, at most {pool.PeakThreads} and at most {pool.PeakQueue} work items waiting during the run; {pool.LockContentions - poolBefore.LockContentions} contended locks");
        Console.WriteLine($"machine: load average {LoadAverage()} after the run");
        await Task.WhenAll(connections.Select(c => c.DisposeAsync().AsTask()));
        // Idle sessions: every connection closed, the sessions (and their viewer grains) still activated on the server.
        await Task.Delay(TimeSpan.FromSeconds(5));
        var rssIdle = ServerRss(servers);
        var heapIdle = await ServerHeapAsync(servers);
        Console.WriteLine($"server managed heap after a full collection: {heapBefore / 1048576.0:0.0} MiB before connecting, {heapConnected / 1048576.0:0.0} MiB with {viewers} viewers connected and in a session = {(heapConnected - heapBefore) / 1024.0 / viewers:0.0} KiB per connected viewer, {heapIdle / 1048576.0:0.0} MiB with the sessions idle = {(heapIdle - heapBefore) / 1024.0 / viewers:0.0} KiB per idle session");
        // RSS is not per viewer: the server collector grows its heaps to its budget and keeps them (see the managed heap line).
        Console.WriteLine($"server RSS{(urls.Count > 1 ? ", all nodes" : "")}: {rssBefore / 1048576.0:0} MiB before connecting, {rssConnected / 1048576.0:0} MiB with the viewers connected, {rssIdle / 1048576.0:0} MiB with the sessions idle (connections closed, grains still active)");
        return all.All(e => e.Complete) ? 0 : 1;
    }

    const long NoCollectionsBytes = 64L << 20;

    /// <summary>A no-GC region for the timed run; false when the runtime cannot give one of that size.</summary>
    static bool StartNoCollections()
    {
        try
        {
            return GC.TryStartNoGCRegion(NoCollectionsBytes);
        }
        catch (ArgumentOutOfRangeException)
        {
            return false;
        }
    }

    /// <summary>When viewer <paramref name="index"/>'s first Send goes: evenly spaced over the spread, the first at 0.</summary>
    public static TimeSpan SpreadOffset(int index, int viewers, int spreadMs) =>
        TimeSpan.FromMilliseconds(spreadMs * (double)index / viewers);

    /// <summary>First Sends per second that spreading <paramref name="viewers"/> over <paramref name="spreadMs"/> offers.</summary>
    public static double OfferedRate(int viewers, int spreadMs) => viewers * 1000.0 / spreadMs;

    sealed record Exchange(double FirstTokenMs, int Tokens, List<double> Gaps, bool Complete, long SentAt);

    /// <summary>
    /// How many of the slowest 1 % of first tokens waited through one of <paramref name="whose"/> garbage collections
    /// (one began between their Send and their first token, or in the 100 ms before the Send while its backlog was
    /// still being worked off), against how many of all first tokens did.
    /// </summary>
    static string PauseShare(string whose, List<Exchange> all, List<(long At, double PauseMs, long PromotedBytes)> pauses)
    {
        var timed = all.Where(e => !double.IsNaN(e.FirstTokenMs)).ToList();
        var backlog = (long)(0.1 * Stopwatch.Frequency);
        bool Overlaps(Exchange e)
        {
            var end = e.SentAt + (long)(e.FirstTokenMs / 1000 * Stopwatch.Frequency);
            return pauses.Any(p => p.At >= e.SentAt - backlog && p.At <= end);
        }
        var slowest = timed.OrderByDescending(e => e.FirstTokenMs).Take(Math.Max(1, timed.Count / 100)).ToList();
        return $"{whose} garbage collections: {pauses.Count}, pauses {pauses.Min(p => p.PauseMs):0.0} to {pauses.Max(p => p.PauseMs):0.0} ms, each keeping {pauses.Average(p => p.PromotedBytes) / 1048576:0.0} MiB on average; " +
            $"{slowest.Count(Overlaps)} of the {slowest.Count} slowest first tokens waited through one (or its backlog), {timed.Count(Overlaps) * 100.0 / timed.Count:0} % of all first tokens did";
    }

    /// <summary>The garbage collections of every server since the last ask: start timestamp, pause length and bytes promoted.</summary>
    static async Task<List<(long At, double PauseMs, long PromotedBytes)>> ServerPausesAsync(List<Process> servers)
    {
        var pauses = new List<(long, double, long)>();
        foreach (var server in servers)
        {
            foreach (var item in (await AskAsync(server, "pauses")).Skip(1).Where(p => p.Length > 0))
            {
                var parts = item.Split(':');
                pauses.Add((long.Parse(parts[0]), double.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture), long.Parse(parts[2])));
            }
        }
        return pauses;
    }

    static async Task<string> GuestAsync(HttpClient http)
    {
        var response = await http.PostAsync("/api/auth/guest", null);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    static async Task<Viewer> ConnectAsync(string client, string url, string token) =>
        client == "lean" ? new LeanViewer(await LeanHubClient.ConnectAsync(url, token)) : await SignalRViewer.ConnectAsync(url, token);

    /// <summary>One viewer's connection, through either client.</summary>
    abstract class Viewer : IAsyncDisposable
    {
        public abstract Task<string> StartSessionAsync(string postId);

        /// <summary>Sends a message and reads its stream to the end; every token event timed as it arrives.</summary>
        public abstract Task<Exchange> ExchangeAsync(string sessionId, string text, bool onnx);

        public abstract ValueTask DisposeAsync();

        /// <summary>The exchange as the run counts it (the scripted model's tokens are all as long as its one token).</summary>
        protected static Exchange Of(ExchangeTiming timing, bool onnx) =>
            new(timing.FirstTokenMs, onnx ? timing.TokenCharacters : timing.TokenCharacters / FixedRateChatClient.Token.Length, timing.Gaps, timing.Complete, timing.SentAt);
    }

    sealed class LeanViewer(LeanHubClient connection) : Viewer
    {
        public override Task<string> StartSessionAsync(string postId) => connection.StartSessionAsync(postId);

        public override async Task<Exchange> ExchangeAsync(string sessionId, string text, bool onnx)
        {
            return Of(await connection.SendAsync(sessionId, text, TimeSpan.FromMinutes(5)), onnx);
        }

        public override ValueTask DisposeAsync() => connection.DisposeAsync();
    }

    sealed class SignalRViewer(HubConnection connection) : Viewer
    {
        public static async Task<Viewer> ConnectAsync(string url, string token)
        {
            var connection = await FeedEngine.Testing.HubClients.ConnectAsync(url, token);
            // A thousand clients on two shared cores can miss the 30 s default between the server's pings.
            connection.ServerTimeout = TimeSpan.FromMinutes(2);
            return new SignalRViewer(connection);
        }

        public override async Task<string> StartSessionAsync(string postId) =>
            (await connection.InvokeAsync<SessionSnapshot>("StartSession", postId)).SessionId;

        public override async Task<Exchange> ExchangeAsync(string sessionId, string text, bool onnx)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
            var timing = new ExchangeTiming(Stopwatch.GetTimestamp());
            await foreach (var item in connection.StreamAsyncCore<SessionEvent>("Send", [sessionId, text, Array.Empty<string>()], timeout.Token))
            {
                if (item.Kind == SessionEventKind.Token) timing.Token(Stopwatch.GetTimestamp(), item.Text?.Length ?? 0);
                if (item.Kind == SessionEventKind.Turn) timing.Turn(item.TurnStatus == SessionTurnStatus.Complete);
            }
            return Of(timing, onnx);
        }

        public override ValueTask DisposeAsync() => connection.DisposeAsync();
    }

    /// <summary>How to start this same program again: the apphost, or <c>dotnet bench.dll</c>.</summary>
    static string[] ServerArguments() =>
        Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet" ? [typeof(LoadBenchmark).Assembly.Location] : [];

    static readonly Dictionary<Process, System.Threading.Channels.Channel<string>> ServerAnswers = [];

    /// <summary>The first words of the server's answers (<see cref="LoadServer"/>); its other output lines are not answers.</summary>
    static readonly HashSet<string> AnswerWords = ["GC", "HEAP", "POOL", "PAUSES"];

    sealed record GcFigures(long Gen0, long Gen1, long Gen2, double PauseMs, long AllocatedBytes)
    {
        public static GcFigures operator -(GcFigures a, GcFigures b) =>
            new(a.Gen0 - b.Gen0, a.Gen1 - b.Gen1, a.Gen2 - b.Gen2, a.PauseMs - b.PauseMs, a.AllocatedBytes - b.AllocatedBytes);
    }

    /// <summary>The servers' garbage collector figures so far, summed (each answers a "gc" line on its standard input).</summary>
    static async Task<GcFigures> ServerGcAsync(List<Process> servers)
    {
        var total = new GcFigures(0, 0, 0, 0, 0);
        foreach (var server in servers)
        {
            var parts = await AskAsync(server, "gc");
            total = new GcFigures(total.Gen0 + long.Parse(parts[1]), total.Gen1 + long.Parse(parts[2]), total.Gen2 + long.Parse(parts[3]),
                total.PauseMs + double.Parse(parts[4], System.Globalization.CultureInfo.InvariantCulture), total.AllocatedBytes + long.Parse(parts[5]));
        }
        return total;
    }

    sealed record PoolFigures(int Threads, int PeakThreads, long PeakQueue, long LockContentions);

    /// <summary>The servers' thread pools (each answers a "pool" line): threads now, the most and the longest queue since the last ask, summed.</summary>
    static async Task<PoolFigures> ServerPoolAsync(List<Process> servers)
    {
        var total = new PoolFigures(0, 0, 0, 0);
        foreach (var server in servers)
        {
            var parts = await AskAsync(server, "pool");
            total = new PoolFigures(total.Threads + int.Parse(parts[1]), total.PeakThreads + int.Parse(parts[2]),
                total.PeakQueue + long.Parse(parts[3]), total.LockContentions + long.Parse(parts[4]));
        }
        return total;
    }

    /// <summary>Sends <paramref name="command"/> to a server's standard input; its answer line, split at spaces.</summary>
    static async Task<string[]> AskAsync(Process server, string command)
    {
        await server.StandardInput.WriteLineAsync(command);
        await server.StandardInput.FlushAsync();
        return (await ServerAnswers[server].Reader.ReadAsync()).Split(' ');
    }

    /// <summary>The servers' managed heaps after a full collection, summed.</summary>
    static async Task<long> ServerHeapAsync(List<Process> servers)
    {
        long total = 0;
        foreach (var server in servers)
        {
            total += long.Parse((await AskAsync(server, "heap"))[1]);
        }
        return total;
    }

    static long ServerRss(List<Process> servers) => servers.Sum(server =>
    {
        server.Refresh();
        return server.WorkingSet64;
    });

    static TimeSpan ServerCpu(List<Process> servers) => TimeSpan.FromTicks(servers.Sum(server =>
    {
        server.Refresh();
        return server.TotalProcessorTime.Ticks;
    }));

    static double Percentile(List<double> sorted, double percentile) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(percentile / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];

    public static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var value) && value > 0 ? value : fallback;
    }

    public static string Text(string[] args, string name, string fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }

    static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
