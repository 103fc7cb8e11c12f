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
    readonly ILogger<ImageModelHost> logger;
    readonly ModelReference reference;
    readonly IImageGenerator? remote;
    readonly ModelPreparation<IImageGenerator> preparation;

    public ImageModelHost(IOptions<ImageModelOptions> options, IOptions<InferenceOptions> inference, IOptions<StorageOptions> storage,
        ModelDownloader downloader, IHttpClientFactory http, ILogger<ImageModelHost> logger)
    {
        this.options = options.Value;
        this.inference = inference.Value;
        this.logger = logger;
        ModelsDirectory = Path.GetFullPath(Path.Combine(storage.Value.DataDirectory, "models", "images"));
        reference = ImageModelCatalog.Parse(this.options.Model);
        var server = this.options.OpenAI;
        if (this.options.Provider == "openai")
        {
            remote = new OpenAiImageGenerator(http.CreateClient(OpenAiImageGenerator.HttpClientName), new OpenAiImageEndpoint(
                new Uri(server.Endpoint!), server.Model!, server.ApiKey, TimeSpan.FromSeconds(server.TimeoutSeconds), this.options.Limits, server.SendSeed));
        }
        var initial = remote is not null
            ? new ModelStatus(server.Model!, ModelState.Ready, $"Remote image model {server.Model} at {server.Endpoint}.")
            : this.options.Provider == "none"
                ? new ModelStatus("none", ModelState.NotConfigured, "Image generation is off (Inference:Images:Provider=none).")
                : InitialStatus();
        preparation = new ModelPreparation<IImageGenerator>(initial, downloader, logger);
    }

    /// <summary>The provider and the configured model id: what callers key their caches by, known before the model loads.</summary>
    public ImageGeneratorMetadata Metadata => options.Provider == "openai"
        ? new ImageGeneratorMetadata("openai", Uri.TryCreate(options.OpenAI.Endpoint, UriKind.Absolute, out var uri) ? uri : null, options.OpenAI.Model)
        : new ImageGeneratorMetadata(options.Provider, null, options.Model);

    /// <summary><c>Storage:DataDirectory</c>/models/images: downloaded and generated image models live here.</summary>
    public string ModelsDirectory { get; }

    public ModelStatus Status => preparation.Status;

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
    public Task StartDownload(CancellationToken cancellationToken = default) =>
        options.Provider == "onnx" && reference.Entry is { } entry
            ? preparation.StartDownload(entry, Path.Combine(ModelsDirectory, entry.Name), inference.HuggingFaceEndpoint, inference.HuggingFaceToken, cancellationToken)
            : Task.CompletedTask;

    /// <summary>The provider's generator (not scheduled), loading the model on first use.</summary>
    /// <exception cref="ModelUnavailableException">Off, missing, downloading, failed, or it cannot be loaded.</exception>
    public async ValueTask<IImageGenerator> GetGeneratorAsync(CancellationToken cancellationToken)
    {
        if (remote is not null)
            return remote;
        if (preparation.Loaded is { } ready)
            return ready;
        if (options.Provider == "onnx" && reference.Kind == ModelReferenceKind.Tiny)
            await EnsureTinyAsync(cancellationToken).ConfigureAwait(false);
        return await preparation.LoadAsync(folder =>
        {
            var generator = OnnxImageGenerator.Load(folder, new OnnxImageGeneratorOptions
            {
                ExecutionProvider = options.ExecutionProvider,
                IntraOpThreads = options.IntraOpThreads,
                Limits = options.Limits,
                ModelId = options.Model,
            });
            LogLoaded(logger, options.Model, folder, options.ExecutionProvider);
            return generator;
        }, e =>
        {
            var hint = reference.Entry is { ExecutionProvider: "cuda" } && options.ExecutionProvider != "cuda"
                ? " This export is built for the cuda execution provider: set Inference:Images:ExecutionProvider=cuda (CUDA build), or point Inference:Images:Model at a float32 export for CPU."
                : "";
            return $"The image model could not be loaded: {e.Message}{hint}";
        }, cancellationToken).ConfigureAwait(false);
    }

    public void Dispose()
    {
        preparation.Dispose();
        remote?.Dispose();
    }

    ModelStatus InitialStatus() => ModelPreparation<IImageGenerator>.InitialStatus(reference, options.Model, ModelsDirectory,
        ImageModelCatalog.TinyName, "The tiny test image model is written on first use; it draws noise.", MissingMessage,
        folder => File.Exists(Path.Combine(folder, DiffusionTestModels.MarkerFile)),
        "Image model", "Inference:Images:Model",
        "Copy a diffusers ONNX pipeline there (tokenizer/, text_encoder/, unet/, vae_decoder/) or choose a catalog model.");

    string MissingMessage(CatalogEntry entry, string folder) =>
        $"Image model {entry.Name} ({entry.Repository}, about {entry.ApproximateBytes / 1_000_000_000.0:0.#} GB) is not downloaded. "
        + $"Set Inference:Images:AutoDownload=true to download it into {folder}, point Inference:Images:Model at a diffusers ONNX folder, "
        + $"or set Inference:Images:Model={ImageModelCatalog.TinyName} for an offline test model that draws noise.";

    Task EnsureTinyAsync(CancellationToken cancellationToken) =>
        preparation.EnsureTinyAsync(folder => DiffusionTestModels.Ensure(folder, DiffusionTestModelSpec.Tiny),
            "Test image model with random weights: it draws noise.", cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded image model {Model} from {Folder} ({ExecutionProvider})")]
    static partial void LogLoaded(ILogger logger, string model, string folder, string executionProvider);
}
