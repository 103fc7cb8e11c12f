using System.Text;
using FeedEngine.Inference.Models;
using Microsoft.Extensions.Logging.Abstractions;

namespace FeedEngine.Inference.Tests.Models;

public sealed class ModelDownloaderTests : IAsyncLifetime
{
    const string Repository = "test-org/Test-Model-ONNX";
    const string Folder = "cpu/int4";
    static readonly CatalogEntry Entry = new("test-model", Repository, "main", Folder, ["genai_config.json", "model.onnx.data"], "MIT.", Vision: false, RequiresToken: false, ApproximateBytes: 1);

    readonly string target = Directory.CreateTempSubdirectory("feedengine-download-").FullName;
    readonly byte[] weights = Enumerable.Range(0, 300_000).Select(i => (byte)(i * 7 % 251)).ToArray();
    readonly byte[] config = Encoding.UTF8.GetBytes("{\"model\": {\"type\": \"llama\"}}");
    readonly HttpClient http = new();
    FakeHub hub = null!;

    ModelDownloader Downloader() => new(http, NullLogger<ModelDownloader>.Instance, TimeProvider.System);

    public async Task InitializeAsync()
    {
        hub = await FakeHub.StartAsync();
        hub.Add(Repository, $"{Folder}/genai_config.json", config, lfs: false);
        hub.Add(Repository, $"{Folder}/model.onnx.data", weights, lfs: true);
        hub.Add(Repository, "README.md", [1, 2, 3], lfs: false);
    }

    public async Task DisposeAsync()
    {
        await hub.DisposeAsync();
        http.Dispose();
        Directory.Delete(target, recursive: true);
    }

    [Fact]
    public async Task DownloadAsync_fetches_verifies_and_marks_complete_with_progress()
    {
        var snapshots = new List<DownloadSnapshot>();
        await Downloader().DownloadAsync(Entry, target, hub.Endpoint, null, new Progress(snapshots), CancellationToken.None);

        Assert.Equal(weights, await File.ReadAllBytesAsync(Path.Combine(target, "model.onnx.data")));
        Assert.Equal(config, await File.ReadAllBytesAsync(Path.Combine(target, "genai_config.json")));
        Assert.True(ModelDownloader.IsComplete(target));
        Assert.Empty(Directory.GetFiles(target, "*.partial"));
        var last = snapshots[^1];
        Assert.Equal(weights.Length + config.Length, last.BytesTotal);
        Assert.Equal(1.0, last.Fraction);
        Assert.Equal(2, last.FilesDone);
    }

    [Fact]
    public async Task DownloadAsync_interrupted_resumes_with_a_range_request()
    {
        hub.CutAfter[$"{Folder}/model.onnx.data"] = 100_000;

        await Assert.ThrowsAnyAsync<Exception>(() => Downloader().DownloadAsync(Entry, target, hub.Endpoint, null, null, CancellationToken.None));
        var partial = Path.Combine(target, "model.onnx.data.partial");
        Assert.True(File.Exists(partial));
        var kept = new FileInfo(partial).Length;
        Assert.InRange(kept, 1, weights.Length - 1);
        Assert.False(ModelDownloader.IsComplete(target));

        await Downloader().DownloadAsync(Entry, target, hub.Endpoint, null, null, CancellationToken.None);

        Assert.Equal(weights, await File.ReadAllBytesAsync(Path.Combine(target, "model.onnx.data")));
        Assert.Contains(hub.FileRequests, r => r.Path.EndsWith("model.onnx.data", StringComparison.Ordinal) && r.Range == $"bytes={kept}-");
        Assert.True(ModelDownloader.IsComplete(target));
    }

    [Fact]
    public async Task DownloadAsync_finished_files_are_not_fetched_again()
    {
        await Downloader().DownloadAsync(Entry, target, hub.Endpoint, null, null, CancellationToken.None);
        var before = hub.FileRequests.Count;
        await Downloader().DownloadAsync(Entry, target, hub.Endpoint, null, null, CancellationToken.None);
        Assert.Equal(before, hub.FileRequests.Count);
    }

    [Fact]
    public async Task DownloadAsync_corrupted_file_is_a_checksum_error_and_is_removed()
    {
        var corrupted = (byte[])weights.Clone();
        corrupted[12_345] ^= 0xFF;
        hub.Add(Repository, $"{Folder}/model.onnx.data", weights, lfs: true, served: corrupted);

        var error = await Assert.ThrowsAsync<ModelDownloadException>(() => Downloader().DownloadAsync(Entry, target, hub.Endpoint, null, null, CancellationToken.None));

        Assert.Contains("model.onnx.data failed its checksum", error.Message, StringComparison.Ordinal);
        Assert.Contains("sha256", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(target, "model.onnx.data")));
        Assert.False(File.Exists(Path.Combine(target, "model.onnx.data.partial")));
        Assert.False(ModelDownloader.IsComplete(target));
    }

    [Fact]
    public async Task DownloadAsync_corrupted_small_file_fails_its_git_checksum()
    {
        hub.Add(Repository, $"{Folder}/genai_config.json", config, lfs: false, served: Encoding.UTF8.GetBytes("{\"model\": {\"type\": \"llamb\"}}"));
        var error = await Assert.ThrowsAsync<ModelDownloadException>(() => Downloader().DownloadAsync(Entry, target, hub.Endpoint, null, null, CancellationToken.None));
        Assert.Contains("genai_config.json failed its checksum (git sha1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DownloadAsync_file_the_hub_does_not_list_is_a_clear_error()
    {
        var entry = Entry with { Files = ["genai_config.json", "tokenizer.json"] };
        var error = await Assert.ThrowsAsync<ModelDownloadException>(() => Downloader().DownloadAsync(entry, target, hub.Endpoint, null, null, CancellationToken.None));
        Assert.Contains($"{Repository} has no {Folder}/tokenizer.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DownloadAsync_unknown_repository_is_a_clear_404()
    {
        var entry = Entry with { Repository = "test-org/Nope" };
        var error = await Assert.ThrowsAsync<ModelDownloadException>(() => Downloader().DownloadAsync(entry, target, hub.Endpoint, null, null, CancellationToken.None));
        Assert.Contains("(404)", error.Message, StringComparison.Ordinal);
        Assert.Contains("test-org/Nope", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DownloadAsync_gated_model_sends_the_token_and_explains_a_refusal()
    {
        hub.RequiredToken = "hf_secret";
        var gated = Entry with { RequiresToken = true };

        var refused = await Assert.ThrowsAsync<ModelDownloadException>(() => Downloader().DownloadAsync(gated, target, hub.Endpoint, null, null, CancellationToken.None));
        Assert.Contains("Inference:HuggingFaceToken", refused.Message, StringComparison.Ordinal);

        await Downloader().DownloadAsync(gated, target, hub.Endpoint, "hf_secret", null, CancellationToken.None);
        Assert.All(hub.FileRequests, r => Assert.Equal("Bearer hf_secret", r.Authorization));
        Assert.True(ModelDownloader.IsComplete(target));
    }

    [Fact]
    public async Task DownloadAsync_files_in_subfolders_keep_their_folders_like_a_diffusers_pipeline()
    {
        const string pipeline = "test-org/Test-Diffusion-ONNX";
        var unet = Enumerable.Range(0, 200_000).Select(i => (byte)(i * 13 % 253)).ToArray();
        var textEncoder = Enumerable.Range(0, 50_000).Select(i => (byte)(i % 97)).ToArray();
        hub.Add(pipeline, "model_index.json", "{}"u8.ToArray(), lfs: false);
        hub.Add(pipeline, "unet/model.onnx", unet, lfs: true);
        hub.Add(pipeline, "text_encoder/model.onnx", textEncoder, lfs: true);
        hub.Add(pipeline, "tokenizer/vocab.json", "{\"a\": 0}"u8.ToArray(), lfs: false);
        var entry = new CatalogEntry("diffusion", pipeline, "main", "", ["model_index.json", "unet/model.onnx", "text_encoder/model.onnx", "tokenizer/vocab.json"],
            "test", Vision: false, RequiresToken: false, ApproximateBytes: 1);

        await Downloader().DownloadAsync(entry, target, hub.Endpoint, null, null, CancellationToken.None);

        Assert.Equal(unet, await File.ReadAllBytesAsync(Path.Combine(target, "unet", "model.onnx")));
        Assert.Equal(textEncoder, await File.ReadAllBytesAsync(Path.Combine(target, "text_encoder", "model.onnx")));
        Assert.True(File.Exists(Path.Combine(target, "tokenizer", "vocab.json")));
        Assert.True(File.Exists(Path.Combine(target, "model_index.json")));
        Assert.True(ModelDownloader.IsComplete(target));
        Assert.Contains(hub.FileRequests, r => r.Path == "unet/model.onnx");
    }

    [Fact]
    public async Task DownloadAsync_missing_file_in_a_subfolder_names_its_path()
    {
        hub.Add("test-org/Partial", "unet/model.onnx", [1, 2, 3], lfs: false);
        var entry = new CatalogEntry("partial", "test-org/Partial", "main", "", ["unet/model.onnx", "unet/model.onnx_data"], "test", Vision: false, RequiresToken: false, ApproximateBytes: 1);

        var error = await Assert.ThrowsAsync<ModelDownloadException>(() => Downloader().DownloadAsync(entry, target, hub.Endpoint, null, null, CancellationToken.None));

        Assert.Contains("test-org/Partial has no unet/model.onnx_data", error.Message, StringComparison.Ordinal);
    }

    sealed class Progress(List<DownloadSnapshot> snapshots) : IProgress<DownloadSnapshot>
    {
        public void Report(DownloadSnapshot value)
        {
            lock (snapshots)
                snapshots.Add(value);
        }
    }
}
