using System.Diagnostics;
using FeedEngine.Inference.Onnx;
using FeedEngine.Inference.Scheduling;
using FeedEngine.Inference.TestModels;
using Microsoft.Extensions.AI;

namespace FeedEngine.Bench.Inference;

/// <summary>
/// The onnx provider and the scheduler against the raw ONNX Runtime GenAI token loop, on the generated benchmark model:
/// tokens/s of both, their ratio (goal >= 0.95), overhead per token, added time to first token (goal <= 5 ms p50);
/// then N concurrent generations through the scheduler: aggregate tokens/s and inter-token gaps.
/// Options: --tokens N (per generation, default 256), --runs N (default 15), --model-dir PATH.
/// </summary>
public static class InferenceBenchmark
{
    static readonly ChatMessage[] Prompt =
    [
        new(ChatRole.System, "You are Captain Mara, a pirate who answers in short riddles."),
        new(ChatRole.User, "Where did you hide the treasure map, and what does it lead to?"),
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        var tokens = IntOption(args, "--tokens", 256);
        var runs = IntOption(args, "--runs", 15);
        var modelDir = StringOption(args, "--model-dir", Path.Combine(Path.GetTempPath(), "feedengine-bench-model"));

        var spec = TestModelSpec.Bench;
        var started = Stopwatch.StartNew();
        var folder = TestModelGenerator.Ensure(modelDir, spec);
        Console.WriteLine($"Model: {spec} in {folder} (ready in {started.Elapsed.TotalSeconds:0.0} s)");
        Console.WriteLine($"Machine: {Environment.ProcessorCount} cores; ONNX Runtime uses {spec.IntraOpThreads} thread per generation step. {tokens} tokens x {runs} runs, greedy.");
        Console.WriteLine();

        using var client = OnnxChatClient.Load(folder);
        var rawLoop = new RawTokenLoop(client);
        using var metrics = new InferenceMetrics();
        var scheduled = new ScheduledChatClient(client, new GenerationScheduler("onnx", 1, 64, TimeProvider.System, metrics));
        // Alternate the two paths run by run, so that load from other processes falls on both alike.
        var rawRuns = new List<(double Rate, double First)>();
        var providerRuns = new List<(double Rate, double First)>();
        var rawCpu = new List<double>();
        var providerCpu = new List<double>();
        using var process = Process.GetCurrentProcess();
        for (var run = -1; run < runs; run++)
        {
            var cpu0 = CpuMicroseconds(process);
            var a = rawLoop.Run(Prompt, tokens);
            var cpu1 = CpuMicroseconds(process);
            var b = await RunProviderAsync(scheduled, tokens);
            var cpu2 = CpuMicroseconds(process);
            if (run < 0)
                continue; // warm-up
            rawRuns.Add(a);
            providerRuns.Add(b);
            rawCpu.Add((cpu1 - cpu0) / tokens);
            providerCpu.Add((cpu2 - cpu1) / tokens);
        }
        var raw = new LoopResult(Stats.Median(rawRuns.Select(r => r.Rate).ToList()), Stats.Median(rawRuns.Select(r => r.First).ToList()));
        var provider = new LoopResult(Stats.Median(providerRuns.Select(r => r.Rate).ToList()), Stats.Median(providerRuns.Select(r => r.First).ToList()));
        // Each pair ran back to back, so per-pair comparisons cancel most of the drift in load from other processes.
        var pairs = rawRuns.Zip(providerRuns).ToList();
        var ratio = Stats.Median(pairs.Select(p => p.Second.Rate / p.First.Rate).ToList());
        var overheadUs = Stats.Median(pairs.Select(p => (1 / p.Second.Rate - 1 / p.First.Rate) * 1e6).ToList());
        var addedTtftMs = Stats.Median(pairs.Select(p => p.Second.First - p.First.First).ToList());
        Console.WriteLine("| path | tokens/s (median run) | time to first token p50 |");
        Console.WriteLine("|---|---|---|");
        Console.WriteLine($"| raw GenAI loop | {raw.TokensPerSecond:0} | {raw.FirstTokenMsP50:0.00} ms |");
        Console.WriteLine($"| onnx provider + scheduler | {provider.TokensPerSecond:0} | {provider.FirstTokenMsP50:0.00} ms |");
        Console.WriteLine();
        Console.WriteLine($"median of {pairs.Count} paired runs: ratio {ratio:0.000} (goal >= 0.95) {(ratio >= 0.95 ? "MET" : "MISSED")}; overhead {overheadUs:0.0} µs/token; added time to first token p50 {addedTtftMs:0.00} ms (goal <= 5 ms) {(addedTtftMs <= 5 ? "MET" : "MISSED")}");
        var cpuRaw = Stats.Median(rawCpu);
        var cpuProvider = Stats.Median(providerCpu);
        Console.WriteLine($"CPU time per token (all threads, unaffected by waiting for a core): raw {cpuRaw:0} µs, provider + scheduler {cpuProvider:0} µs ({cpuProvider - cpuRaw:+0;-0} µs, ratio {cpuRaw / cpuProvider:0.000})");
        Console.WriteLine();

        Console.WriteLine($"Concurrent generations through the scheduler (MaxConcurrent = {Environment.ProcessorCount}, {tokens / 2} tokens each):");
        Console.WriteLine("| N | aggregate tokens/s | inter-token gap p50 | p99 | first token (queue included) p50 | p99 | wall |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        foreach (var n in new[] { 1, 8, 32 })
        {
            var scheduler = new GenerationScheduler("onnx", Environment.ProcessorCount, 1024, TimeProvider.System, metrics);
            var result = await Concurrency.MeasureAsync(new ScheduledChatClient(client, scheduler), Prompt, n, tokens / 2);
            Console.WriteLine($"| {n} | {result.AggregateTokensPerSecond:0} | {result.GapMsP50:0.00} ms | {result.GapMsP99:0.00} ms | {result.QueueMsP50:0} ms | {result.QueueMsP99:0} ms | {result.Wall.TotalSeconds:0.0} s |");
        }
        return 0;
    }

    static async Task<(double Rate, double First)> RunProviderAsync(IChatClient client, int tokens)
    {
        var options = new ChatOptions { Temperature = 0, MaxOutputTokens = tokens }.WithViewer("bench");
        var watch = Stopwatch.StartNew();
        double? first = null;
        var count = 0L;
        await foreach (var update in client.GetStreamingResponseAsync(Prompt, options))
        {
            if (update.Text.Length > 0)
                first ??= watch.Elapsed.TotalMilliseconds;
            if (update.Contents.OfType<UsageContent>().FirstOrDefault() is { } usage)
                count = usage.Details.OutputTokenCount ?? 0;
        }
        return (count / watch.Elapsed.TotalSeconds, first ?? double.NaN);
    }

    static double CpuMicroseconds(Process process)
    {
        process.Refresh();
        return process.TotalProcessorTime.TotalMicroseconds;
    }

    static int IntOption(string[] args, string name, int fallback) =>
        Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var value) ? value : fallback;

    static string StringOption(string[] args, string name, string fallback) =>
        Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}

/// <summary>Tokens per second over a whole generation (first token included) and the median time to first token.</summary>
public sealed record LoopResult(double TokensPerSecond, double FirstTokenMsP50);

internal static class Stats
{
    public static double Median(IReadOnlyCollection<double> values) => Percentile(values, 50);

    public static double Percentile(IReadOnlyCollection<double> values, double percentile)
    {
        if (values.Count == 0)
            return double.NaN;
        var sorted = values.Order().ToArray();
        var rank = percentile / 100 * (sorted.Length - 1);
        var low = (int)Math.Floor(rank);
        var high = (int)Math.Ceiling(rank);
        return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
    }
}
