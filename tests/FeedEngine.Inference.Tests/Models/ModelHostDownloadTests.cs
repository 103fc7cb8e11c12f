using FeedEngine.Inference.Models;
using FeedEngine.Inference.TestModels;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace FeedEngine.Inference.Tests.Models;

/// <summary>The default catalog entry, served by a local hub holding the tiny model's files: download, verify, load, stream.</summary>
public sealed class ModelHostDownloadTests : IAsyncLifetime
{
    readonly string data = Directory.CreateTempSubdirectory("feedengine-hostdl-").FullName;
    FakeHub hub = null!;

    public async Task InitializeAsync()
    {
        hub = await FakeHub.StartAsync();
        var entry = ModelCatalog.Find(ModelCatalog.DefaultName)!;
        var source = TestModelGenerator.Ensure(Path.Combine(data, "source"), TestModelSpec.Tiny);
        foreach (var file in entry.Files)
        {
            var path = Path.Combine(source, file);
            var content = File.Exists(path) ? await File.ReadAllBytesAsync(path) : "{}"u8.ToArray();
            hub.Add(entry.Repository, $"{entry.Subfolder}/{file}", content, lfs: file.Contains(".onnx", StringComparison.Ordinal));
        }
    }

    public async Task DisposeAsync()
    {
        await hub.DisposeAsync();
        Directory.Delete(data, recursive: true);
    }

    [Fact]
    public async Task AutoDownload_downloads_the_catalog_model_in_the_background_then_serves_it()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:DataDirectory"] = data,
            ["Inference:AutoDownload"] = "true",
            ["Inference:HuggingFaceEndpoint"] = hub.Endpoint.ToString(),
            ["Inference:MaxOutputTokens"] = "8",
        });
        builder.AddInference();
        using var app = builder.Build();
        var host = app.Services.GetRequiredService<ModelHost>();
        var seen = new List<ModelStatus>();
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = host.Subscribe(new Observer(status =>
        {
            lock (seen)
                seen.Add(status);
            if (status.State is ModelState.Ready or ModelState.Failed)
                ready.TrySetResult();
        }));

        await app.StartAsync();
        await ready.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(ModelState.Ready, host.Status.State);
        Assert.Contains(seen, s => s.State == ModelState.Missing);
        Assert.Contains(seen, s => s.State == ModelState.Preparing);
        Assert.True(ModelDownloader.IsComplete(Path.Combine(data, "models", ModelCatalog.DefaultName)));
        var reply = await app.Services.GetRequiredService<IChatClient>().GetResponseAsync([new(ChatRole.User, "Hi")]);
        Assert.Equal(8, reply.Usage?.OutputTokenCount);
        await app.StopAsync();
    }

    sealed class Observer(Action<ModelStatus> next) : IObserver<ModelStatus>
    {
        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void OnNext(ModelStatus value) => next(value);
    }
}
