using System.Diagnostics;
using System.Text.RegularExpressions;
using MongoDB.Bson;
using MongoDB.Driver;

namespace FeedEngine.Storage.Tests.Mongo;

/// <summary>
/// The MongoDB wire-compatible in-memory stub (npm <c>@jongodb/memory-server-bin-linux-x64-gnu</c>), started once per
/// test run on a loopback port it picks itself (<c>--port=0</c>; it prints <c>JONGODB_URI=...</c>), and killed at the end.
/// A missing binary fails the tests that need it, naming the install script: CI runs that script first.
/// </summary>
/// <remarks>
/// It runs with the standalone topology profile. Under <c>--topology-profile=singleNodeReplicaSet</c> the stub refuses
/// any <c>hello</c> that carries <c>$readPreference: primaryPreferred</c>, which is how the C# driver sends every
/// heartbeat after the connection handshake (the periodic ones, and the one it requests after a duplicate-key
/// command error). Each refusal marks the server unknown and clears the connection pool, so operations in flight
/// fail with <see cref="MongoConnectionPoolPausedException"/>: racing inserts with one key broke that way.
/// Nothing in the store needs a replica set (no transactions, no change streams).
/// </remarks>
public sealed partial class MongoStubServer : IAsyncLifetime
{
    public const string InstallScript = "tests/tools/install-mongo-stub.sh";
    const string BinaryPath = "tests/tools/node_modules/@jongodb/memory-server-bin-linux-x64-gnu/bin/jongodb";
    static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    Process? process;
    readonly List<string> output = [];

    /// <summary>Where to connect; the server is monitored by polling, as the stub's notes ask.</summary>
    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var binary = Path.Combine(RepositoryRoot(), BinaryPath);
        if (!File.Exists(binary))
            throw new InvalidOperationException($"The MongoDB stub is not installed: {binary} is missing. Run {InstallScript} (it needs npm) and test again.");

        var start = new ProcessStartInfo(binary)
        {
            ArgumentList = { "--host=127.0.0.1", "--port=0", "--topology-profile=standalone" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {binary}.");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop();

        var announced = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) => OnLine(e.Data, announced);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data, announced);
        process.Exited += (_, _) => announced.TrySetException(new InvalidOperationException($"The MongoDB stub exited with {process.ExitCode}: {Output()}"));
        process.EnableRaisingEvents = true;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var port = await announced.Task.WaitAsync(StartTimeout);
        ConnectionString = $"mongodb://127.0.0.1:{port}/?serverMonitoringMode=poll";
        await WaitUntilAcceptingAsync();
    }

    void OnLine(string? line, TaskCompletionSource<int> announced)
    {
        if (line is null) return;
        lock (output) output.Add(line);
        if (AnnouncedUri().Match(line) is { Success: true } m) announced.TrySetResult(int.Parse(m.Groups["port"].Value));
        if (line.StartsWith("JONGODB_START_FAILURE=", StringComparison.Ordinal))
            announced.TrySetException(new InvalidOperationException($"The MongoDB stub did not start: {line}"));
    }

    async Task WaitUntilAcceptingAsync()
    {
        var settings = MongoClientSettings.FromConnectionString(ConnectionString);
        settings.ServerSelectionTimeout = StartTimeout;
        using var client = new MongoClient(settings);
        await client.GetDatabase("admin").RunCommandAsync<BsonDocument>(new BsonDocument("ping", 1));
    }

    string Output()
    {
        lock (output) return string.Join(Environment.NewLine, output.TakeLast(20));
    }

    void Stop()
    {
        if (process is { HasExited: false }) process.Kill(entireProcessTree: true);
    }

    public async Task DisposeAsync()
    {
        if (process is null) return;
        Stop();
        await process.WaitForExitAsync();
        process.Dispose();
    }

    /// <summary>The checkout's root: the folder above the test binaries that holds tests/tools.</summary>
    static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "tests", "tools", "package.json"))) return dir.FullName;
        throw new InvalidOperationException($"No tests/tools/package.json above {AppContext.BaseDirectory}; run the tests from a checkout.");
    }

    [GeneratedRegex(@"^JONGODB_URI=mongodb://[^:/]+:(?<port>\d+)")]
    private static partial Regex AnnouncedUri();
}

[CollectionDefinition(Name)]
public sealed class MongoStubCollection : ICollectionFixture<MongoStubServer>
{
    public const string Name = "MongoDB stub";
}
