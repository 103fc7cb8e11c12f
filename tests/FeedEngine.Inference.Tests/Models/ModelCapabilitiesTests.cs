using FeedEngine.Inference.Models;
using FeedEngine.Inference.TestModels;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace FeedEngine.Inference.Tests.Models;

/// <summary>Whether the configured chat model reads images, as the session snapshot asks it: known without loading the model.</summary>
public sealed class ModelCapabilitiesTests : IDisposable
{
    readonly string data = Directory.CreateTempSubdirectory("feedengine-capabilities-").FullName;

    IChatModelCapabilities Capabilities(params (string Key, string Value)[] settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))
            .Append(new("Storage:DataDirectory", data)));
        builder.AddInference();
        var services = builder.Build().Services;
        Assert.Same(services.GetRequiredService<ModelHost>(), services.GetRequiredService<IChatModelCapabilities>());
        return services.GetRequiredService<IChatModelCapabilities>();
    }

    [Fact]
    public void ReadsImages_follows_the_model_folder_type()
    {
        var vision = TestModelGenerator.Ensure(Path.Combine(data, "vision"), TestModelSpec.TinyVision);
        var text = TestModelGenerator.Ensure(Path.Combine(data, "text"), TestModelSpec.Tiny);

        Assert.True(Capabilities(("Inference:Model", vision)).ReadsImages);
        Assert.False(Capabilities(("Inference:Model", text)).ReadsImages);
    }

    [Fact]
    public void ReadsImages_follows_the_catalog_entry_and_the_tiny_model_reads_none()
    {
        Assert.True(Capabilities(("Inference:Model", "phi-3.5-vision-instruct")).ReadsImages);
        Assert.False(Capabilities(("Inference:Model", ModelCatalog.DefaultName)).ReadsImages);
        Assert.False(Capabilities(("Inference:Model", ModelCatalog.TinyName)).ReadsImages);
    }

    [Fact]
    public void ReadsImages_is_false_for_a_missing_or_broken_folder()
    {
        Assert.False(Capabilities(("Inference:Model", Path.Combine(data, "nothing-here"))).ReadsImages);
        var broken = Directory.CreateDirectory(Path.Combine(data, "broken")).FullName;
        File.WriteAllText(Path.Combine(broken, "genai_config.json"), "{ not json");
        Assert.False(Capabilities(("Inference:Model", broken)).ReadsImages);
    }

    [Fact]
    public void ReadsImages_for_an_openai_model_is_what_the_operator_declares()
    {
        (string, string)[] remote = [("Inference:Provider", "openai"), ("Inference:OpenAI:Endpoint", "http://127.0.0.1:9/v1"), ("Inference:OpenAI:Model", "llama-4-scout")];
        Assert.False(Capabilities(remote).ReadsImages);
        Assert.True(Capabilities([.. remote, ("Inference:OpenAI:Vision", "true")]).ReadsImages);
    }

    public void Dispose() => Directory.Delete(data, recursive: true);
}
