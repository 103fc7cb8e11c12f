using FeedEngine.Bench.Sessions;

// Benchmarks, not tests: each prints what it measured. Run with `dotnet run -c Release --project bench -- <name> [options]`.
var benchmarks = new Dictionary<string, Func<string[], Task>>(StringComparer.OrdinalIgnoreCase)
{
    ["sessions"] = SessionsBenchmark.RunAsync,
};

if (args.Length == 0 || !benchmarks.TryGetValue(args[0], out var run))
{
    Console.WriteLine("FeedEngine benchmarks: dotnet run -c Release --project bench -- <name> [options]");
    foreach (var name in benchmarks.Keys) Console.WriteLine($"  {name}");
    return args.Length == 0 ? 0 : 1;
}

await run(args[1..]);
return 0;
