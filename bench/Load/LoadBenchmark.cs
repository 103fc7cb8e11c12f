using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using FeedEngine.Bench.Sessions;
using FeedEngine.Engine.Abstractions.Sessions;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace FeedEngine.Bench.Load;

/// <summary>
/// N concurrent viewers on loopback, each a real SignalR client (WebSockets, negotiation skipped) with a guest token,
/// each talking to its own session on the real app in another process (<see cref="LoadServer"/>) whose model writes at a
/// fixed rate. Reports delivered tokens/s, the time added to the model's first token, inter-token gaps, server CPU per
/// 1,000 tokens, server memory per connected viewer, and the load generator's share of the CPU.
/// </summary>
static class LoadBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var viewers = Option(args, "--viewers", 1000);
        var tokens = Option(args, "--tokens", 100);
        var rate = Option(args, "--rate", 20);
        var ttftMs = Option(args, "--ttft-ms", 0);
        var replies = Option(args, "--replies", 2);

        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardInput = true, RedirectStandardOutput = true };
        foreach (var argument in (string[])[.. ServerArguments(), "load-server", "--tokens", $"{tokens}", "--rate", $"{rate}", "--ttft-ms", $"{ttftMs}", "--viewers", $"{viewers}"])
            start.ArgumentList.Add(argument);
        using var server = Process.Start(start)!;
        string? ready;
        while ((ready = await server.StandardOutput.ReadLineAsync()) is not null && !ready.StartsWith("READY ", StringComparison.Ordinal)) Console.WriteLine($"server: {ready}");
        if (ready is null)
        {
            Console.WriteLine("The server process ended before it was ready.");
            return 1;
        }
        _ = server.StandardOutput.ReadToEndAsync();
        var url = ready["READY ".Length..];
        try
        {
            return await MeasureAsync(server, url, viewers, tokens, rate, ttftMs, replies);
        }
        finally
        {
            server.StandardInput.Close();
            if (!server.WaitForExit(TimeSpan.FromSeconds(20))) server.Kill(entireProcessTree: true);
        }
    }

    static async Task<int> MeasureAsync(Process server, string url, int viewers, int tokens, int rate, int ttftMs, int replies)
    {
        Console.WriteLine($"load: {viewers} viewers over SignalR on loopback, {replies} replies each; model {tokens} tokens at {rate}/s per stream, {ttftMs} ms to first token (fixed rate)");
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, load average {LoadAverage()} before the run");
        using var http = new HttpClient { BaseAddress = new Uri(url) };
        var feed = await http.GetFromJsonAsync<JsonElement>("/api/feed");
        var postId = feed.GetProperty("items").EnumerateArray().First(i => i.GetProperty("kind").GetString() == "post").GetProperty("postId").GetString()!;

        // Warm up one whole exchange, so the server's code paths are jitted before anything is timed.
        await using (var warm = await ConnectAsync(url, await GuestAsync(http)))
            await ExchangeAsync(warm, (await warm.InvokeAsync<SessionSnapshot>("StartSession", postId)).SessionId, "warm-up");

        var guestTokens = new List<string>();
        for (var i = 0; i < viewers; i++) guestTokens.Add(await GuestAsync(http));
        GC.Collect();
        var rssBefore = ServerRss(server);
        var connections = new List<HubConnection>();
        foreach (var chunk in guestTokens.Chunk(50)) connections.AddRange(await Task.WhenAll(chunk.Select(t => ConnectAsync(url, t))));
        var sessions = await Task.WhenAll(connections.Select(async c => (await c.InvokeAsync<SessionSnapshot>("StartSession", postId)).SessionId));
        await Task.Delay(TimeSpan.FromSeconds(2));
        var rssConnected = ServerRss(server);

        var cpuServer = ServerCpu(server);
        var cpuSelf = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var results = await Task.WhenAll(connections.Select(async (c, i) =>
        {
            var list = new List<Exchange>();
            for (var r = 0; r < replies; r++) list.Add(await ExchangeAsync(c, sessions[i], $"Message {r} from viewer {i}."));
            return list;
        }));
        var wall = clock.Elapsed.TotalSeconds;
        var serverSeconds = (ServerCpu(server) - cpuServer).TotalSeconds;
        var selfSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpuSelf).TotalSeconds;
        var all = results.SelectMany(r => r).ToList();
        var delivered = all.Sum(e => e.Tokens);
        var gaps = all.SelectMany(e => e.Gaps).Order().ToList();

        Console.WriteLine();
        Console.WriteLine($"replies: {all.Count} ({all.Count(e => e.Complete)} complete), tokens delivered: {delivered} in {wall:0.0} s = {delivered / wall:0} tokens/s");
        Console.WriteLine($"added time to first token (Send -> first token event at the client, less the model's {ttftMs} ms): p50 {Percentile(all.Select(e => e.FirstTokenMs - ttftMs).Order().ToList(), 50):0.0} ms, p99 {Percentile(all.Select(e => e.FirstTokenMs - ttftMs).Order().ToList(), 99):0.0} ms");
        Console.WriteLine($"inter-token-event gap at the client: p50 {Percentile(gaps, 50):0.0} ms, p99 {Percentile(gaps, 99):0.0} ms (the model emits one token every {1000.0 / rate:0.0} ms; frames coalesce)");
        Console.WriteLine($"server CPU: {serverSeconds:0.00} s = {serverSeconds * 1000 / Math.Max(1, delivered) * 1000:0.0} ms per 1,000 tokens; load generator CPU {selfSeconds:0.00} s ({selfSeconds / (selfSeconds + serverSeconds):P0} of the two)");
        Console.WriteLine($"server memory: {rssBefore / 1048576.0:0} MiB before connecting, {rssConnected / 1048576.0:0} MiB with {viewers} viewers connected and in a session = {(rssConnected - rssBefore) / 1024.0 / viewers:0.0} KiB per connected viewer (RSS)");
        Console.WriteLine($"machine: load average {LoadAverage()} after the run");
        await Task.WhenAll(connections.Select(c => c.DisposeAsync().AsTask()));
        return all.All(e => e.Complete) ? 0 : 1;
    }

    sealed record Exchange(double FirstTokenMs, int Tokens, List<double> Gaps, bool Complete);

    static async Task<Exchange> ExchangeAsync(HubConnection connection, string sessionId, string text)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var start = Stopwatch.GetTimestamp();
        long? last = null;
        double first = double.NaN;
        var gaps = new List<double>();
        var chars = 0;
        var complete = false;
        await foreach (var item in connection.StreamAsyncCore<SessionEvent>("Send", [sessionId, text, Array.Empty<string>()], timeout.Token))
        {
            if (item.Kind == SessionEventKind.Token)
            {
                var now = Stopwatch.GetTimestamp();
                if (last is { } previous) gaps.Add(Stopwatch.GetElapsedTime(previous, now).TotalMilliseconds);
                else first = Stopwatch.GetElapsedTime(start, now).TotalMilliseconds;
                last = now;
                chars += item.Text?.Length ?? 0;
            }
            if (item.Kind == SessionEventKind.Turn) complete = item.TurnStatus == SessionTurnStatus.Complete;
        }
        return new Exchange(first, chars / FixedRateChatClient.Token.Length, gaps, complete);
    }

    static async Task<string> GuestAsync(HttpClient http)
    {
        var response = await http.PostAsync("/api/auth/guest", null);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    static async Task<HubConnection> ConnectAsync(string url, string token)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl($"{url}/hubs/feed", o =>
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
        connection.ServerTimeout = TimeSpan.FromMinutes(2);
        await connection.StartAsync();
        return connection;
    }

    /// <summary>How to start this same program again: the apphost, or <c>dotnet bench.dll</c>.</summary>
    static string[] ServerArguments() =>
        Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet" ? [typeof(LoadBenchmark).Assembly.Location] : [];

    static long ServerRss(Process server)
    {
        server.Refresh();
        return server.WorkingSet64;
    }

    static TimeSpan ServerCpu(Process server)
    {
        server.Refresh();
        return server.TotalProcessorTime;
    }

    static double Percentile(List<double> sorted, double percentile) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(percentile / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];

    public static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var value) && value > 0 ? value : fallback;
    }

    static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
