// Benchmarks, one per first argument: dotnet run -c Release --project bench -- <name> [options]
var benchmarks = new Dictionary<string, Func<string[], Task<int>>>(StringComparer.OrdinalIgnoreCase)
{
    ["inference"] = FeedEngine.Bench.Inference.InferenceBenchmark.RunAsync,
};

if (args.Length == 0 || !benchmarks.TryGetValue(args[0], out var run))
{
    Console.WriteLine($"Usage: dotnet run -c Release --project bench -- <{string.Join('|', benchmarks.Keys)}> [options]");
    return args.Length == 0 ? 0 : 2;
}
return await run(args[1..]);
