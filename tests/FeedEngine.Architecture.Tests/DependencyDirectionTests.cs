using System.Reflection;

namespace FeedEngine.Architecture.Tests;

/// <summary>
/// The dependency direction of ARCHITECTURE.md, checked on the compiled assemblies:
/// Web -> features (Engine, Creators, Ads) -> Engine.Abstractions and capabilities (Inference, Media, Safety) -> Storage.
/// No feature references another feature; capabilities reference no feature; nothing references Web.
/// </summary>
public sealed class DependencyDirectionTests
{
    static readonly string[] Features = ["FeedEngine.Engine", "FeedEngine.Creators", "FeedEngine.Ads"];
    static readonly string[] Capabilities = ["FeedEngine.Inference", "FeedEngine.Media", "FeedEngine.Safety"];

    /// <summary>What each production assembly may reference among FeedEngine's own.</summary>
    static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["FeedEngine.Storage"] = [],
        ["FeedEngine.Engine.Abstractions"] = [],
        ["FeedEngine.Inference"] = ["FeedEngine.Storage"],
        ["FeedEngine.Media"] = ["FeedEngine.Storage"],
        ["FeedEngine.Safety"] = ["FeedEngine.Storage"],
        ["FeedEngine.Engine"] = ["FeedEngine.Engine.Abstractions", .. Capabilities, "FeedEngine.Storage"],
        ["FeedEngine.Creators"] = ["FeedEngine.Engine.Abstractions", .. Capabilities, "FeedEngine.Storage"],
        ["FeedEngine.Ads"] = ["FeedEngine.Engine.Abstractions", .. Capabilities, "FeedEngine.Storage"],
        ["FeedEngine.Web.Client"] = [],
        ["FeedEngine.Web"] = ["FeedEngine.Web.Client", .. Features, "FeedEngine.Engine.Abstractions", .. Capabilities, "FeedEngine.Storage"],
    };

    public static TheoryData<string> Assemblies() => [.. Allowed.Keys];

    [Theory, MemberData(nameof(Assemblies))]
    public void Assembly_referencesOnlyWhatTheArchitectureAllows(string name)
    {
        var assembly = Load(name);

        var references = assembly.GetReferencedAssemblies()
            .Select(r => r.Name!)
            .Where(r => r.StartsWith("FeedEngine.", StringComparison.Ordinal))
            .ToList();

        var forbidden = references.Except(Allowed[name]).ToList();
        Assert.True(forbidden.Count == 0, $"{name} must not reference {string.Join(", ", forbidden)}");
    }

    [Fact]
    public void EveryProductionAssembly_isCoveredByTheRules()
    {
        var folder = Path.GetDirectoryName(typeof(DependencyDirectionTests).Assembly.Location)!;
        var production = Directory.GetFiles(folder, "FeedEngine.*.dll")
            .Select(Path.GetFileNameWithoutExtension)
            .Where(n => !n!.EndsWith(".Tests", StringComparison.Ordinal) && n != "FeedEngine.TestModels")
            .ToList();

        Assert.All(production, n => Assert.True(Allowed.ContainsKey(n!), $"{n} has no dependency rule; add it to the table."));
    }

    [Fact]
    public void Rules_wouldCatchAFeatureReferencingAnotherFeature()
    {
        // The table itself keeps features apart and capabilities free of features.
        foreach (var feature in Features)
            Assert.Empty(Allowed[feature].Intersect(Features));
        foreach (var capability in Capabilities)
            Assert.Empty(Allowed[capability].Intersect(Features.Append("FeedEngine.Web")));
        Assert.DoesNotContain(Allowed, rule => rule.Value.Contains("FeedEngine.Web"));
    }

    static Assembly Load(string name) => Assembly.Load(new AssemblyName(name));
}
