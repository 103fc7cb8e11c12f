using System.Diagnostics;
using FeedEngine.Inference.Scheduling;
using Microsoft.Extensions.AI;

namespace FeedEngine.Bench.Inference;

/// <summary>N viewers asking at once through the scheduler: aggregate throughput and the gaps each viewer sees between pieces.</summary>
internal static class Concurrency
{
    public sealed record Result(double AggregateTokensPerSecond, double GapMsP50, double GapMsP99, double QueueMsP50, double QueueMsP99, TimeSpan Wall);

    public static async Task<Result> MeasureAsync(IChatClient client, IReadOnlyList<ChatMessage> prompt, int concurrent, int tokens)
    {
        var gaps = new List<double>();
        var queueWaits = new List<double>();
        long totalTokens = 0;
        var wall = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrent).Select(async viewer =>
        {
            await Task.Yield();
            var options = new ChatOptions { Temperature = 0, MaxOutputTokens = tokens }.WithViewer($"viewer-{viewer}");
            var local = new List<double>();
            var requested = wall.Elapsed.TotalMilliseconds;
            double? last = null;
            double? first = null;
            long count = 0;
            await foreach (var update in client.GetStreamingResponseAsync(prompt, options))
            {
                var now = wall.Elapsed.TotalMilliseconds;
                if (update.Text.Length > 0)
                {
                    first ??= now;
                    if (last is { } previous)
                        local.Add(now - previous);
                    last = now;
                }
                if (update.Contents.OfType<UsageContent>().FirstOrDefault() is { } usage)
                    count = usage.Details.OutputTokenCount ?? 0;
            }
            Interlocked.Add(ref totalTokens, count);
            lock (gaps)
            {
                gaps.AddRange(local);
                queueWaits.Add((first ?? requested) - requested);
            }
        }));
        wall.Stop();
        return new Result(totalTokens / wall.Elapsed.TotalSeconds, Stats.Percentile(gaps, 50), Stats.Percentile(gaps, 99),
            Stats.Percentile(queueWaits, 50), Stats.Percentile(queueWaits, 99), wall.Elapsed);
    }
}
