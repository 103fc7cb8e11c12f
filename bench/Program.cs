using FeedEngine.Bench.ImageGeneration;
using FeedEngine.Bench.Media;
using FeedEngine.Bench.Sessions;

// One entry per benchmark: dotnet run -c Release --project bench -- <name> [arguments]
var benchmarks = new Dictionary<string, Func<string[], Task<int>>>(StringComparer.OrdinalIgnoreCase)
{
    ["images"] = ImageUploadBenchmark.RunAsync,
    ["inference"] = FeedEngine.Bench.Inference.InferenceBenchmark.RunAsync,
    ["imagegen"] = ImageGenerationBenchmark.RunAsync,
    ["sessions"] = async a => { await SessionsBenchmark.RunAsync(a); return 0; },
    ["load"] = FeedEngine.Bench.Load.LoadBenchmark.RunAsync,
    ["load-server"] = FeedEngine.Bench.Load.LoadServer.RunAsync,
    ["feedrank"] = FeedEngine.Bench.Feed.FeedRankBenchmark.RunAsync,
    ["adselect"] = FeedEngine.Bench.Ads.AdSelectBenchmark.RunAsync,
};

if (args.Length == 0 || !benchmarks.TryGetValue(args[0], out var run))
{
    Console.WriteLine($"usage: dotnet run -c Release --project bench -- <{string.Join('|', benchmarks.Keys)}> [arguments]");
    return args.Length == 0 ? 0 : 2;
}
return await run(args[1..]);
