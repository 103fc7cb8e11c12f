using System.Reflection;
using System.Text.RegularExpressions;
using FeedEngine.Inference;
using FeedEngine.Safety;
using FeedEngine.Storage;
using FeedEngine.Web.Accounts;
using FeedEngine.Web.Hosting;

namespace FeedEngine.Web.Tests.Hosting;

/// <summary>
/// docker-compose.yml cannot run on these machines; what can be checked is that every setting it passes
/// names a real option, so a renamed option cannot silently drop out of the deployment.
/// </summary>
public sealed partial class DeploymentFilesTests
{
    static readonly Dictionary<string, Type> Sections = new()
    {
        [StorageOptions.SectionName] = typeof(StorageOptions),
        [SiloHostOptions.SectionName] = typeof(SiloHostOptions),
        [AuthOptions.SectionName] = typeof(AuthOptions),
        [MailOptions.SectionName] = typeof(MailOptions),
        [InferenceOptions.SectionName] = typeof(InferenceOptions),
        [SafetyOptions.SectionName] = typeof(SafetyOptions),
    };

    [Fact]
    public void Compose_everySettingNamesARealOption()
    {
        var compose = File.ReadAllText(Path.Combine(RepositoryRoot(), "docker-compose.yml"));
        var keys = SettingKey().Matches(compose).Select(m => m.Groups["key"].Value).Distinct().ToList();
        Assert.Contains("Storage__MongoUrl", keys);
        Assert.Contains("Orleans__Redis", keys);

        foreach (var key in keys)
        {
            var parts = key.Split("__");
            Assert.True(Sections.TryGetValue(parts[0], out var type), $"{key}: no options section {parts[0]}");
            foreach (var part in parts.Skip(1).Where(p => !int.TryParse(p, out _)))
            {
                var property = type!.GetProperty(part, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
                Assert.True(property is not null, $"{key}: {type.Name} has no property {part}");
                type = property!.PropertyType.IsGenericType ? property.PropertyType.GetGenericArguments()[0] : property.PropertyType;
            }
        }
    }

    [Fact]
    public void Dockerfile_publishesTheWebProject()
    {
        var dockerfile = File.ReadAllText(Path.Combine(RepositoryRoot(), "Dockerfile"));

        Assert.Contains("dotnet publish web/FeedEngine.Web/FeedEngine.Web.csproj", dockerfile);
        Assert.True(File.Exists(Path.Combine(RepositoryRoot(), "web/FeedEngine.Web/FeedEngine.Web.csproj")));
        Assert.Contains("ENTRYPOINT [\"dotnet\", \"FeedEngine.Web.dll\"]", dockerfile);
    }

    [Fact]
    public void RuntimeConfig_serverCollectorAndThreadPoolWorkersThatDoNotSpin()
    {
        // The app's runtimeconfig, as published: the bench's load server mirrors these settings (bench/README.md).
        using var config = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "FeedEngine.Web.runtimeconfig.json")));
        var properties = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        Assert.True(properties.GetProperty("System.GC.Server").GetBoolean());
        Assert.Equal(0, properties.GetProperty("System.Threading.ThreadPool.UnfairSemaphoreSpinLimit").GetInt32());
    }

    static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "FeedEngine.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("FeedEngine.sln not found above the test folder.");
    }

    [GeneratedRegex(@"^\s+(?<key>[A-Z][A-Za-z]+__[A-Za-z0-9_]+):", RegexOptions.Multiline)]
    private static partial Regex SettingKey();
}
