using FeedEngine.Inference.Embeddings;
using FeedEngine.Inference.Models;
using FeedEngine.Inference.Scheduling;
using FeedEngine.Inference.Tests.OpenAi;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace FeedEngine.Inference.Tests.Composition;

public sealed class AddInferenceTests : IDisposable
{
    readonly string data = Directory.CreateTempSubdirectory("feedengine-inference-").FullName;

    IHost Build(params (string Key, string? Value)[] settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(
            new[] { new KeyValuePair<string, string?>("Storage:DataDirectory", data) }
                .Concat(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))));
        builder.AddInference();
        return builder.Build();
    }

    static readonly ChatMessage[] Hello = [new(ChatRole.User, "Hello?")];

    [Fact]
    public async Task Default_settings_start_without_a_model_and_conversations_say_what_to_configure()
    {
        using var host = Build();
        await host.StartAsync();

        var chat = host.Services.GetRequiredService<IChatClient>();
        var error = await Assert.ThrowsAsync<ModelUnavailableException>(() => chat.GetResponseAsync(Hello));

        Assert.Equal(ModelState.Missing, error.Status.State);
        Assert.Equal(ModelCatalog.DefaultName, error.Status.Model);
        Assert.Contains("Inference:AutoDownload=true", error.Message, StringComparison.Ordinal);
        Assert.Contains("Inference:Model=tiny", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, host.Services.GetRequiredService<GenerationScheduler>().Running);
        Assert.IsType<EmbeddingService>(host.Services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>());
        await host.StopAsync();
    }

    [Fact]
    public async Task Tiny_model_is_generated_into_the_data_directory_and_streams_through_the_scheduler()
    {
        using var host = Build(("Inference:Model", "tiny"), ("Inference:MaxOutputTokens", "12"));
        await host.StartAsync();
        var chat = host.Services.GetRequiredService<IChatClient>();

        var updates = await chat.GetStreamingResponseAsync(Hello, new ChatOptions { Temperature = 0 }.WithViewer("viewer-1")).ToListAsync();

        Assert.Contains(updates, u => u.Text.Length > 0);
        Assert.Equal(12, updates.SelectMany(u => u.Contents).OfType<UsageContent>().Single().Details.OutputTokenCount);
        var status = host.Services.GetRequiredService<ModelHost>().Status;
        Assert.Equal(ModelState.Ready, status.State);
        Assert.True(status.IsTestModel);
        Assert.Contains("random", status.Message, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(data, "models", "tiny", "model.onnx")));
        Assert.Equal(0, host.Services.GetRequiredService<GenerationScheduler>().Running);
        await host.StopAsync();
    }

    [Fact]
    public async Task Missing_folder_model_is_unavailable_with_the_path()
    {
        var folder = Path.Combine(data, "nowhere");
        using var host = Build(("Inference:Model", folder));
        var chat = host.Services.GetRequiredService<IChatClient>();

        var error = await Assert.ThrowsAsync<ModelUnavailableException>(() => chat.GetResponseAsync(Hello));

        Assert.Equal(ModelState.NotConfigured, error.Status.State);
        Assert.Contains(folder, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Corrupt_folder_model_is_unavailable_naming_the_file()
    {
        var folder = Path.Combine(data, "broken");
        FeedEngine.Inference.TestModels.TestModelGenerator.Ensure(folder, FeedEngine.Inference.TestModels.TestModelSpec.Tiny);
        File.Delete(Path.Combine(folder, "tokenizer.json"));
        using var host = Build(("Inference:Model", folder));
        var chat = host.Services.GetRequiredService<IChatClient>();

        var error = await Assert.ThrowsAsync<ModelUnavailableException>(() => chat.GetResponseAsync(Hello));

        Assert.Equal(ModelState.Failed, error.Status.State);
        Assert.Contains("tokenizer.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Openai_provider_from_configuration_streams_from_the_server()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        using var host = Build(("Inference:Provider", "openai"), ("Inference:OpenAI:Endpoint", server.Endpoint.ToString()), ("Inference:OpenAI:Model", "echo"), ("Inference:MaxConcurrent", "3"));
        await host.StartAsync();

        var response = await host.Services.GetRequiredService<IChatClient>().GetResponseAsync(Hello);

        Assert.Equal("Hello from the server (0 images)", response.Text);
        Assert.Equal(3, host.Services.GetRequiredService<GenerationScheduler>().MaxConcurrent);
        await host.StopAsync();
    }

    [Theory]
    [InlineData("Inference:Provider", "llamafile", "onnx or openai")]
    [InlineData("Inference:ExecutionProvider", "tpu", "cpu or cuda")]
    [InlineData("Inference:Model", "llama-9-gigantic", "not a catalog name")]
    [InlineData("Inference:MaxQueue", "-1", "MaxQueue")]
    [InlineData("Inference:MaxConcurrent", "0", "MaxConcurrent")]
    [InlineData("Inference:HuggingFaceEndpoint", "not a url", "HuggingFaceEndpoint")]
    public async Task Malformed_settings_fail_at_start_with_the_setting_named(string key, string value, string expected)
    {
        using var host = Build((key, value));
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Openai_provider_without_endpoint_fails_at_start()
    {
        using var host = Build(("Inference:Provider", "openai"));
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains("Inference:OpenAI:Endpoint", error.Message, StringComparison.Ordinal);
        Assert.Contains("Inference:OpenAI:Model", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(data, recursive: true);
}
