using FeedEngine.Inference.TestModels;
using Microsoft.Extensions.Logging;

namespace FeedEngine.Inference.Models;

/// <summary>Getting the configured model onto disk: the tiny model is written on first use, catalog models are downloaded.</summary>
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
    public Task StartDownload(CancellationToken cancellationToken = default)
    {
        if (reference.Entry is not { } entry)
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

    ModelStatus InitialStatus()
    {
        switch (reference.Kind)
        {
            case ModelReferenceKind.Tiny:
                var tiny = Path.Combine(ModelsDirectory, ModelCatalog.TinyName);
                return new ModelStatus(ModelCatalog.TinyName, ModelState.Preparing, "The tiny test model is written on first use.", IsTestModel: true, Folder: tiny);
            case ModelReferenceKind.Catalog:
                var entry = reference.Entry!;
                var folder = Path.Combine(ModelsDirectory, entry.Name);
                return ModelDownloader.IsComplete(folder)
                    ? new ModelStatus(entry.Name, ModelState.Ready, $"{entry.Name} from {entry.Repository}. {entry.Licence}", Folder: folder)
                    : new ModelStatus(entry.Name, ModelState.Missing, MissingMessage(entry, folder), Folder: folder);
            case ModelReferenceKind.Folder:
                var path = Path.GetFullPath(reference.Value.StartsWith('~')
                    ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), reference.Value.TrimStart('~', '/'))
                    : reference.Value);
                return Directory.Exists(path)
                    ? new ModelStatus(options.Model, ModelState.Ready, $"Model folder {path}.", TestModelGenerator.IsTestModel(path), path)
                    : new ModelStatus(options.Model, ModelState.NotConfigured, $"Inference:Model points at {path}, which does not exist. Copy an ONNX Runtime GenAI model folder there or choose a catalog model.", Folder: path);
            default:
                return new ModelStatus(options.Model, ModelState.NotConfigured, $"Inference:Model '{options.Model}' is not a catalog name, '{ModelCatalog.TinyName}' or a folder.");
        }
    }

    static string MissingMessage(CatalogEntry entry, string folder) =>
        $"Model {entry.Name} ({entry.Repository}, about {entry.ApproximateBytes / 1_000_000_000.0:0.#} GB) is not downloaded. "
        + $"Set Inference:AutoDownload=true to download it into {folder}"
        + (entry.RequiresToken ? " (gated: set Inference:HuggingFaceToken)" : "")
        + $", point Inference:Model at a model folder, or set Inference:Model={ModelCatalog.TinyName} for an offline test model with random replies.";

    async Task EnsureTinyAsync(CancellationToken cancellationToken)
    {
        var current = Status;
        if (current.State == ModelState.Ready)
            return;
        var folder = current.Folder!;
        await Task.Run(() => TestModelGenerator.Ensure(folder, TestModelSpec.Tiny), cancellationToken).ConfigureAwait(false);
        Publish(current with { State = ModelState.Ready, Message = "Test model with random weights: replies are random text." });
    }

    async Task DownloadAsync(CatalogEntry entry, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(ModelsDirectory, entry.Name);
        var progress = new SynchronousProgress(snapshot => Publish(new ModelStatus(entry.Name, ModelState.Preparing,
            $"Downloading {entry.Name}: {snapshot.Fraction:P0} ({snapshot.BytesDone / 1_000_000} of {snapshot.BytesTotal / 1_000_000} MB).", Folder: folder, Download: snapshot)));
        Publish(new ModelStatus(entry.Name, ModelState.Preparing, $"Starting the download of {entry.Name}.", Folder: folder));
        try
        {
            var hub = new Uri(options.HuggingFaceEndpoint.EndsWith('/') ? options.HuggingFaceEndpoint : options.HuggingFaceEndpoint + "/");
            await downloader.DownloadAsync(entry, folder, hub, options.HuggingFaceToken, progress, cancellationToken).ConfigureAwait(false);
            Publish(new ModelStatus(entry.Name, ModelState.Ready, $"{entry.Name} from {entry.Repository}. {entry.Licence}", Folder: folder));
        }
        catch (Exception e) when (e is ModelDownloadException or HttpRequestException or IOException or TaskCanceledException)
        {
            LogDownloadFailed(logger, e, entry.Name);
            var reason = e is TaskCanceledException && !cancellationToken.IsCancellationRequested ? "the hub did not answer in time." : e.Message.TrimEnd();
            if (!reason.EndsWith('.'))
                reason += ".";
            Publish(new ModelStatus(entry.Name, ModelState.Failed, $"The download of {entry.Name} failed: {reason} Finished files are kept; the next attempt resumes.", Folder: folder));
        }
    }

    /// <summary>Reports on the downloading thread (no synchronization context hop).</summary>
    sealed class SynchronousProgress(Action<DownloadSnapshot> report) : IProgress<DownloadSnapshot>
    {
        public void Report(DownloadSnapshot value) => report(value);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The download of model {Model} failed")]
    static partial void LogDownloadFailed(ILogger logger, Exception exception, string model);
}
