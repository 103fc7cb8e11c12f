#pragma warning disable MEAI001 // Microsoft.Extensions.AI's image generation abstraction is experimental in 10.x.
using FeedEngine.Inference.Models;
using FeedEngine.Inference.TestModels;
using FeedEngine.Storage;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FeedEngine.Inference.ImageGeneration;

/// <summary>
/// Owns the configured image model: knows where it stands (<see cref="Status"/>), downloads it (the same downloader,
/// resume and checksums as the chat model) or writes the tiny test pipeline, and loads it on first use. A picture asked
/// of a model that is not ready gets a <see cref="ModelUnavailableException"/> saying what to download or configure.
/// </summary>
public sealed partial class ImageModelHost : IDisposable
{
    readonly ImageModelOptions options;
    readonly InferenceOptions inference;
    readonly ModelDownloader downloader;
    readonly ILogger<ImageModelHost> logger;
    readonly Lock gate = new();
    readonly SemaphoreSlim loading = new(1, 1);
    readonly ModelReference reference;
    readonly IImageGenerator? remote;
    Task? download;
    IImageGenerator? loaded;
    ModelStatus status;

    public ImageModelHost(IOptions<ImageModelOptions> options, IOptions<InferenceOptions> inference, IOptions<StorageOptions> storage,
        ModelDownloader downloader, IHttpClientFactory http, ILogger<ImageModelHost> logger)
    {
        this.options = options.Value;
        this.inference = inference.Value;
        this.downloader = downloader;
        this.logger = logger;
        ModelsDirectory = Path.GetFullPath(Path.Combine(storage.Value.DataDirectory, "models", "images"));
        reference = ImageModelCatalog.Parse(this.options.Model);
        var server = this.options.OpenAI;
        if (this.options.Provider == "openai")
        {
            remote = new OpenAiImageGenerator(http.CreateClient(OpenAiImageGenerator.HttpClientName), new OpenAiImageEndpoint(
                new Uri(server.Endpoint!), server.Model!, server.ApiKey, TimeSpan.FromSeconds(server.TimeoutSeconds), this.options.Limits, server.SendSeed));
            status = new ModelStatus(server.Model!, ModelState.Ready, $"Remote image model {server.Model} at {server.Endpoint}.");
        }
        else
        {
            status = this.options.Provider == "none"
                ? new ModelStatus("none", ModelState.NotConfigured, "Image generation is off (Inference:Images:Provider=none).")
                : InitialStatus();
        }
    }

    /// <summary>The provider and the configured model id: what callers key their caches by, known before the model loads.</summary>
    public ImageGeneratorMetadata Metadata => options.Provider == "openai"
        ? new ImageGeneratorMetadata("openai", Uri.TryCreate(options.OpenAI.Endpoint, UriKind.Absolute, out var uri) ? uri : null, options.OpenAI.Model)
        : new ImageGeneratorMetadata(options.Provider, null, options.Model);

    /// <summary><c>Storage:DataDirectory</c>/models/images: downloaded and generated image models live here.</summary>
    public string ModelsDirectory { get; }

    public ModelStatus Status
    {
        get { lock (gate) return status; }
    }

    /// <summary>At start: writes the tiny pipeline, or downloads a missing catalog model when <c>Inference:Images:AutoDownload</c> is on.</summary>
    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        if (options.Provider != "onnx")
            return;
        if (reference.Kind == ModelReferenceKind.Tiny)
            await EnsureTinyAsync(cancellationToken).ConfigureAwait(false);
        else if (reference.Kind == ModelReferenceKind.Catalog && options.AutoDownload && Status.State == ModelState.Missing)
            await StartDownload(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Starts (or joins) the download of the configured catalog model.</summary>
    public Task StartDownload(CancellationToken cancellationToken = default)
    {
        if (options.Provider != "onnx" || reference.Entry is not { } entry)
            return Task.CompletedTask;
        lock (gate)
        {
            if (download is { IsCompleted: false })
                return download;
            if (status.State == ModelState.Ready)
                return Task.CompletedTask;
            download = Task.Run(() => DownloadAsync(entry, cancellationToken), cancellationToken);
            return download;
        }
    }

    /// <summary>The provider's generator (not scheduled), loading the model on first use.</summary>
    /// <exception cref="ModelUnavailableException">Off, missing, downloading, failed, or it cannot be loaded.</exception>
    public async ValueTask<IImageGenerator> GetGeneratorAsync(CancellationToken cancellationToken)
    {
        if (remote is not null)
            return remote;
        if (Volatile.Read(ref loaded) is { } ready)
            return ready;
        if (options.Provider == "onnx" && reference.Kind == ModelReferenceKind.Tiny)
            await EnsureTinyAsync(cancellationToken).ConfigureAwait(false);
        var current = Status;
        if (current.State != ModelState.Ready || current.Folder is null)
            throw new ModelUnavailableException(current);

        await loading.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (loaded is not null)
                return loaded;
            var folder = current.Folder;
            var generator = await Task.Run(() => OnnxImageGenerator.Load(folder, new OnnxImageGeneratorOptions
            {
                ExecutionProvider = options.ExecutionProvider,
                IntraOpThreads = options.IntraOpThreads,
                Limits = options.Limits,
                ModelId = options.Model,
            }), cancellationToken).ConfigureAwait(false);
            LogLoaded(logger, options.Model, folder, options.ExecutionProvider);
            Volatile.Write(ref loaded, generator);
            return generator;
        }
        catch (ModelLoadException e)
        {
            LogLoadFailed(logger, e, options.Model);
            var hint = reference.Entry is { ExecutionProvider: "cuda" } && options.ExecutionProvider != "cuda"
                ? " This export is built for the cuda execution provider: set Inference:Images:ExecutionProvider=cuda (CUDA build), or point Inference:Images:Model at a float32 export for CPU."
                : "";
            var failed = Publish(current with { State = ModelState.Failed, Message = $"The image model could not be loaded: {e.Message}{hint}" });
            throw new ModelUnavailableException(failed);
        }
        finally
        {
            loading.Release();
        }
    }

    public void Dispose()
    {
        loaded?.Dispose();
        remote?.Dispose();
        loading.Dispose();
    }

    ModelStatus InitialStatus()
    {
        switch (reference.Kind)
        {
            case ModelReferenceKind.Tiny:
                return new ModelStatus(ImageModelCatalog.TinyName, ModelState.Preparing, "The tiny test image model is written on first use; it draws noise.",
                    IsTestModel: true, Folder: Path.Combine(ModelsDirectory, ImageModelCatalog.TinyName));
            case ModelReferenceKind.Catalog:
                var entry = reference.Entry!;
                var folder = Path.Combine(ModelsDirectory, entry.Name);
                return ModelDownloader.IsComplete(folder)
                    ? new ModelStatus(entry.Name, ModelState.Ready, $"{entry.Name} from {entry.Repository}. {entry.Licence}", Folder: folder)
                    : new ModelStatus(entry.Name, ModelState.Missing,
                        $"Image model {entry.Name} ({entry.Repository}, about {entry.ApproximateBytes / 1_000_000_000.0:0.#} GB) is not downloaded. "
                        + $"Set Inference:Images:AutoDownload=true to download it into {folder}, point Inference:Images:Model at a diffusers ONNX folder, "
                        + $"or set Inference:Images:Model={ImageModelCatalog.TinyName} for an offline test model that draws noise.", Folder: folder);
            case ModelReferenceKind.Folder:
                var path = Path.GetFullPath(reference.Value.StartsWith('~')
                    ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), reference.Value.TrimStart('~', '/'))
                    : reference.Value);
                return Directory.Exists(path)
                    ? new ModelStatus(options.Model, ModelState.Ready, $"Image model folder {path}.", File.Exists(Path.Combine(path, DiffusionTestModels.MarkerFile)), path)
                    : new ModelStatus(options.Model, ModelState.NotConfigured,
                        $"Inference:Images:Model points at {path}, which does not exist. Copy a diffusers ONNX pipeline there (tokenizer/, text_encoder/, unet/, vae_decoder/) or choose a catalog model.", Folder: path);
            default:
                return new ModelStatus(options.Model, ModelState.NotConfigured, $"Inference:Images:Model '{options.Model}' is not a catalog name, '{ImageModelCatalog.TinyName}' or a folder.");
        }
    }

    async Task EnsureTinyAsync(CancellationToken cancellationToken)
    {
        var current = Status;
        if (current.State == ModelState.Ready)
            return;
        await Task.Run(() => DiffusionTestModels.Ensure(current.Folder!, DiffusionTestModelSpec.Tiny), cancellationToken).ConfigureAwait(false);
        Publish(current with { State = ModelState.Ready, Message = "Test image model with random weights: it draws noise." });
    }

    async Task DownloadAsync(CatalogEntry entry, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(ModelsDirectory, entry.Name);
        var progress = new Progress(snapshot => Publish(new ModelStatus(entry.Name, ModelState.Preparing,
            $"Downloading {entry.Name}: {snapshot.Fraction:P0} ({snapshot.BytesDone / 1_000_000} of {snapshot.BytesTotal / 1_000_000} MB).", Folder: folder, Download: snapshot)));
        Publish(new ModelStatus(entry.Name, ModelState.Preparing, $"Starting the download of {entry.Name}.", Folder: folder));
        try
        {
            var hub = new Uri(inference.HuggingFaceEndpoint.EndsWith('/') ? inference.HuggingFaceEndpoint : inference.HuggingFaceEndpoint + "/");
            await downloader.DownloadAsync(entry, folder, hub, inference.HuggingFaceToken, progress, cancellationToken).ConfigureAwait(false);
            Publish(new ModelStatus(entry.Name, ModelState.Ready, $"{entry.Name} from {entry.Repository}. {entry.Licence}", Folder: folder));
        }
        catch (Exception e) when (e is ModelDownloadException or HttpRequestException or IOException or TaskCanceledException)
        {
            LogDownloadFailed(logger, e, entry.Name);
            var reason = e is TaskCanceledException && !cancellationToken.IsCancellationRequested ? "the hub did not answer in time" : e.Message;
            Publish(new ModelStatus(entry.Name, ModelState.Failed, $"The download of {entry.Name} failed: {reason} Finished files are kept; the next attempt resumes.", Folder: folder));
        }
    }

    ModelStatus Publish(ModelStatus next)
    {
        lock (gate)
            status = next;
        return next;
    }

    /// <summary>Reports on the downloading thread (no synchronization context hop).</summary>
    sealed class Progress(Action<DownloadSnapshot> report) : IProgress<DownloadSnapshot>
    {
        public void Report(DownloadSnapshot value) => report(value);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded image model {Model} from {Folder} ({ExecutionProvider})")]
    static partial void LogLoaded(ILogger logger, string model, string folder, string executionProvider);

    [LoggerMessage(Level = LogLevel.Error, Message = "Image model {Model} could not be loaded")]
    static partial void LogLoadFailed(ILogger logger, Exception exception, string model);

    [LoggerMessage(Level = LogLevel.Error, Message = "The download of image model {Model} failed")]
    static partial void LogDownloadFailed(ILogger logger, Exception exception, string model);
}
