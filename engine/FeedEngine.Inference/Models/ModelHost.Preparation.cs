using FeedEngine.Inference.Onnx;
using FeedEngine.Inference.TestModels;

namespace FeedEngine.Inference.Models;

/// <summary>Getting the configured model onto disk (through <see cref="ModelPreparation{T}"/>): the tiny model is written on first use, catalog models are downloaded.</summary>
public sealed partial class ModelHost
{
    /// <summary>At start: writes the tiny model, or downloads a missing catalog model when <c>Inference:AutoDownload</c> is on.</summary>
    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        if (remote is not null)
            return;
        if (reference.Kind == ModelReferenceKind.Tiny)
            await EnsureTinyAsync(cancellationToken).ConfigureAwait(false);
        else if (reference.Kind == ModelReferenceKind.Catalog && options.AutoDownload && Status.State == ModelState.Missing)
            await StartDownload(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Starts (or joins) the download of the configured catalog model.</summary>
    public Task StartDownload(CancellationToken cancellationToken = default) =>
        reference.Entry is { } entry
            ? preparation.StartDownload(entry, Path.Combine(ModelsDirectory, entry.Name), options.HuggingFaceEndpoint, options.HuggingFaceToken, cancellationToken)
            : Task.CompletedTask;

    ModelStatus InitialStatus() => ModelPreparation<OnnxChatClient>.InitialStatus(reference, options.Model, ModelsDirectory,
        ModelCatalog.TinyName, "The tiny test model is written on first use.", MissingMessage, TestModelGenerator.IsTestModel,
        "Model", "Inference:Model", "Copy an ONNX Runtime GenAI model folder there or choose a catalog model.");

    static string MissingMessage(CatalogEntry entry, string folder) =>
        $"Model {entry.Name} ({entry.Repository}, about {entry.ApproximateBytes / 1_000_000_000.0:0.#} GB) is not downloaded. "
        + $"Set Inference:AutoDownload=true to download it into {folder}"
        + (entry.RequiresToken ? " (gated: set Inference:HuggingFaceToken)" : "")
        + $", point Inference:Model at a model folder, or set Inference:Model={ModelCatalog.TinyName} for an offline test model with random replies.";

    Task EnsureTinyAsync(CancellationToken cancellationToken) =>
        preparation.EnsureTinyAsync(folder => TestModelGenerator.Ensure(folder, TestModelSpec.Tiny),
            "Test model with random weights: replies are random text.", cancellationToken);
}
