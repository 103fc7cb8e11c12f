using FeedEngine.Safety;
using System.Diagnostics;
using System.Globalization;
using FeedEngine.Engine;
using FeedEngine.Engine.Abstractions.Sessions;
using FeedEngine.Inference.Scheduling;
using FeedEngine.Storage;
using FeedEngine.Storage.Posts;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FeedEngine.Bench.Sessions;

/// <summary>
/// Many concurrent sessions against a fixed-rate model, through the real grains, event log, frames and store (embedded):
/// tokens delivered per second, the time the engine adds to the model's first token, and the memory an idle session holds.
/// </summary>
static class SessionsBenchmark
{
    sealed record Reply(double BeforeModelMs, double AfterModelMs, double SendToFirstTokenMs, int Tokens, int Frames, double StreamSeconds)
    {
        public double AddedMs => BeforeModelMs + AfterModelMs;
    }

    public static async Task RunAsync(string[] args)
    {
        var sessions = Option(args, "--sessions", 200);
        var replies = Option(args, "--replies", 3);
        var tokens = Option(args, "--tokens", 200);
        var rate = Option(args, "--rate", 50);
        var ttftMs = Option(args, "--ttft-ms", 100);
        var idle = Option(args, "--idle", 1000);
        var data = Directory.CreateTempSubdirectory("feedengine-bench-").FullName;
        var model = new FixedRateChatClient(tokens, rate, TimeSpan.FromMilliseconds(ttftMs));
        var quick = new FixedRateChatClient(5, 10_000, TimeSpan.Zero);

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Safety:Quotas:GenerationsPerDay"] = "100000",
            ["Safety:Quotas:GuestGenerationsPerDay"] = "100000",
            ["Storage:DataDirectory"] = data,
            ["Sessions:SendsPerMinute"] = "10000",
            ["Sessions:SemanticLoreThreshold"] = "0",
        });
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.AddStorage();
        builder.AddSafety();
        builder.AddEngine();
        var idlePhase = false;
        builder.Services.AddSingleton<IChatClient>(new ScheduledChatClient(new SwitchingChatClient(() => idlePhase ? quick : model),
            new GenerationScheduler("bench", maxConcurrent: sessions + idle, maxQueue: 0, TimeProvider.System, new InferenceMetrics())));
        builder.UseOrleans(silo => silo.UseLocalhostClustering(siloPort: 21111, gatewayPort: 31000));
        using var host = builder.Build();
        await host.StartAsync();
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        var postId = await PublishAsync(host.Services);

        Console.WriteLine($"sessions: {sessions} concurrent, {replies} replies each; model: {tokens} tokens at {rate}/s per stream after {ttftMs} ms (fixed rate)");
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, load average {LoadAverage()}; server GC {System.Runtime.GCSettings.IsServerGC}");

        // Warm-up: one session through a whole exchange, so code paths are jitted before timing.
        await RunSessionAsync(grains, model, postId, "warm-up", 1);

        var clock = Stopwatch.StartNew();
        var results = await Task.WhenAll(Enumerable.Range(0, sessions).Select(i => RunSessionAsync(grains, model, postId, $"viewer-{i}", replies)));
        var elapsed = clock.Elapsed.TotalSeconds;
        var all = results.SelectMany(r => r).ToList();
        var delivered = all.Sum(r => r.Tokens);
        var ideal = (double)tokens / rate;

        Console.WriteLine();
        Console.WriteLine($"replies: {all.Count}, tokens delivered: {delivered} in {elapsed:0.0} s = {delivered / elapsed:0} tokens/s overall");
        Console.WriteLine($"while streaming: {all.Average(r => r.Tokens / r.StreamSeconds):0.0} tokens/s per stream (model rate {rate}/s; a reply streams for {all.Average(r => r.StreamSeconds):0.00} s, ideal {ideal:0.00} s)");
        Console.WriteLine($"frames per reply: {all.Average(r => r.Frames):0.0} on average ({all.Average(r => r.Frames / r.StreamSeconds):0.0} per second)");
        Console.WriteLine($"added time to first token (send -> first token, less the model's own {ttftMs} ms): p50 {Percentile(all, r => r.AddedMs, 50):0.0} ms, p99 {Percentile(all, r => r.AddedMs, 99):0.0} ms");
        Console.WriteLine($"  send -> model asked (store the message, prompt, scheduler): p50 {Percentile(all, r => r.BeforeModelMs, 50):0.0} ms, p99 {Percentile(all, r => r.BeforeModelMs, 99):0.0} ms");
        Console.WriteLine($"  model's first token -> reader (frame, event log, grain stream): p50 {Percentile(all, r => r.AfterModelMs, 50):0.00} ms, p99 {Percentile(all, r => r.AfterModelMs, 99):0.00} ms");
        Console.WriteLine($"  the first round starts all {sessions} sessions at the same instant; later rounds: p50 {Percentile(all.Where((_, i) => i % replies != 0).DefaultIfEmpty(all[0]).ToList(), r => r.AddedMs, 50):0.0} ms, p99 {Percentile(all.Where((_, i) => i % replies != 0).DefaultIfEmpty(all[0]).ToList(), r => r.AddedMs, 99):0.0} ms");

        // Idle sessions: each with one short exchange behind it, then nothing.
        idlePhase = true;
        var before = Settle();
        for (var batch = 0; batch < idle; batch += 50)
            await Task.WhenAll(Enumerable.Range(batch, Math.Min(50, idle - batch)).Select(i => RunSessionAsync(grains, quick, postId, $"idle-{i}", 1)));
        var withIdle = Settle();
        await grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var collected = Settle();
        Console.WriteLine();
        Console.WriteLine($"idle sessions: {idle}, each with one exchange (a session grain and its viewer's grain)");
        var activeSessions = idle + sessions + 1;
        Console.WriteLine($"memory per idle session: {(withIdle - before) / idle / 1024.0:0.0} KiB (managed heap growth per added idle session: its grains and the store's cache)");
        Console.WriteLine($"  deactivating all {activeSessions} sessions (the {sessions} above hold {replies} exchanges each) frees {(withIdle - collected) / activeSessions / 1024.0:0.0} KiB per session");

        await host.StopAsync();
        Directory.Delete(data, recursive: true);
    }

    static async Task<List<Reply>> RunSessionAsync(IGrainFactory grains, FixedRateChatClient model, string postId, string viewer, int replies)
    {
        var outcome = await grains.GetGrain<IViewerGrain>(viewer).StartSessionAsync(postId);
        var session = grains.GetGrain<ISessionGrain>(outcome.Value!.SessionId);
        var measured = new List<Reply>();
        for (var i = 0; i < replies; i++)
        {
            var text = $"{viewer} message {i}";
            var sent = Stopwatch.GetTimestamp();
            var receipt = (await session.SendAsync(new ViewerMessage { ViewerId = viewer, MessageId = Guid.NewGuid().ToString("n"), Text = text })).Value!;
            long first = 0, last = 0;
            int characters = 0, frames = 0;
            await foreach (var item in session.ReadAsync(new SessionRead { ViewerId = viewer, AfterSeq = receipt.AfterSeq, UntilTurnSeq = receipt.ReplyTurnSeq }))
            {
                if (item.Kind != SessionEventKind.Token) continue;
                last = Stopwatch.GetTimestamp();
                if (first == 0) first = last;
                characters += item.Text!.Length;
                frames++;
            }
            var emitted = model.FirstTokenAt.TryGetValue(text, out var at) ? at : first;
            var requested = model.RequestedAt.TryGetValue(text, out var asked) ? asked : sent;
            measured.Add(new Reply(
                Stopwatch.GetElapsedTime(sent, requested).TotalMilliseconds,
                Stopwatch.GetElapsedTime(emitted, first).TotalMilliseconds,
                Stopwatch.GetElapsedTime(sent, first).TotalMilliseconds,
                characters / FixedRateChatClient.Token.Length,
                frames,
                Math.Max(1e-3, Stopwatch.GetElapsedTime(emitted, last).TotalSeconds)));
        }
        return measured;
    }

    static async Task<string> PublishAsync(IServiceProvider services)
    {
        var posts = services.GetRequiredService<IPostRepository>();
        var now = DateTime.UtcNow;
        var post = new PostDocument
        {
            Id = "bench-post",
            CreatorId = "bench",
            Draft = new PostContent
            {
                Title = "Bench",
                Persona = "You are a narrator.",
                Greetings = ["Hello."],
                StateSchema = [new StateVariable { Name = "score", Type = StateVariableType.Int, Min = 0, Max = 100, DefaultJson = "0" }],
                Lore = [new LoreEntry { Name = "Harbor", Keys = ["message"], Content = "A small harbor." }],
            },
            CreatedAt = now,
            UpdatedAt = now,
        };
        await posts.InsertAsync(post);
        await posts.PublishAsync(post, "bench", now);
        return post.Id;
    }

    static long Settle()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    static double Percentile(List<Reply> replies, Func<Reply, double> value, double percentile)
    {
        var sorted = replies.Select(value).Order().ToList();
        var rank = (int)Math.Ceiling(percentile / 100 * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }

    static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }

    static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";

    /// <summary>Lets the benchmark swap the model between phases.</summary>
    sealed class SwitchingChatClient(Func<IChatClient> current) : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            current().GetResponseAsync(messages, options, cancellationToken);

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            current().GetStreamingResponseAsync(messages, options, cancellationToken);

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
