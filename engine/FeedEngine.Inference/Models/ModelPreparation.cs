using Microsoft.Extensions.Logging;

namespace FeedEngine.Inference.Models;

/// <summary>
/// Getting one configured model ready, shared by the chat model (<see cref="ModelHost"/>) and the image model
/// (<c>ImageModelHost</c>): where it stands (<see cref="Status"/>, with <see cref="Changed"/> on every change), the
/// first status from the configured reference, writing a generated test model, downloading a catalog model (resume,
/// checksums, progress), and loading it once on first use.
/// </summary>
/// <typeparam name="T">What a loaded model is (a chat client, an image generator).</typeparam>
public sealed partial class ModelPreparation<T>(ModelStatus initial, ModelDownloader downloader, ILogger logger) : IDisposable
    where T : class, IDisposable
{
    readonly Lock gate = new();
    readonly SemaphoreSlim loading = new(1, 1);
    Task? download;
    T? loaded;
    ModelStatus status = initial;

    /// <summary>Raised after every change of <see cref="Status"/>, on the thread that made it.</summary>
    public event Action<ModelStatus>? Changed;

    public ModelStatus Status
    {
        get { lock (gate) return status; }
    }

    public ModelStatus Publish(ModelStatus next)
    {
        lock (gate)
            status = next;
        Changed?.Invoke(next);
        return next;
    }

    /// <summary>The first status of a reference: a generated test model, a catalog model on disk or not, a folder, or nothing usable.</summary>
    /// <param name="what">How messages name the model: "Model", "Image model".</param>
    /// <param name="setting">The setting that names it: "Inference:Model", "Inference:Images:Model".</param>
    public static ModelStatus InitialStatus(ModelReference reference, string configured, string modelsDirectory, string tinyName, string tinyMessage,
        Func<CatalogEntry, string, string> missingMessage, Func<string, bool> isTestModel, string what, string setting, string folderHint)
    {
        switch (reference.Kind)
        {
            case ModelReferenceKind.Tiny:
                return new ModelStatus(tinyName, ModelState.Preparing, tinyMessage, IsTestModel: true, Folder: Path.Combine(modelsDirectory, tinyName));
            case ModelReferenceKind.Catalog:
                var entry = reference.Entry!;
                var folder = Path.Combine(modelsDirectory, entry.Name);
                return ModelDownloader.IsComplete(folder)
                    ? new ModelStatus(entry.Name, ModelState.Ready, ReadyMessage(entry), Folder: folder)
                    : new ModelStatus(entry.Name, ModelState.Missing, missingMessage(entry, folder), Folder: folder);
            case ModelReferenceKind.Folder:
                var path = FolderOf(reference.Value);
                return Directory.Exists(path)
                    ? new ModelStatus(configured, ModelState.Ready, $"{what} folder {path}.", isTestModel(path), path)
                    : new ModelStatus(configured, ModelState.NotConfigured, $"{setting} points at {path}, which does not exist. {folderHint}", Folder: path);
            default:
                return new ModelStatus(configured, ModelState.NotConfigured, $"{setting} '{configured}' is not a catalog name, '{tinyName}' or a folder.");
        }
    }

    /// <summary>A configured folder as a full path (<c>~</c> is the user's home).</summary>
    public static string FolderOf(string value) => Path.GetFullPath(value.StartsWith('~')
        ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), value.TrimStart('~', '/'))
        : value);

    static string ReadyMessage(CatalogEntry entry) => $"{entry.Name} from {entry.Repository}. {entry.Licence}";

    /// <summary>Writes the generated test model into the status's folder unless it is ready, then reports it ready.</summary>
    public async Task EnsureTinyAsync(Action<string> write, string readyMessage, CancellationToken cancellationToken)
    {
        var current = Status;
        if (current.State == ModelState.Ready)
            return;
        var folder = current.Folder!;
        await Task.Run(() => write(folder), cancellationToken).ConfigureAwait(false);
        Publish(current with { State = ModelState.Ready, Message = readyMessage });
    }

    /// <summary>Starts (or joins) the download of <paramref name="entry"/> into <paramref name="folder"/>.</summary>
    public Task StartDownload(CatalogEntry entry, string folder, string hubEndpoint, string? token, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (download is { IsCompleted: false })
                return download;
            if (status.State == ModelState.Ready)
                return Task.CompletedTask;
            download = Task.Run(() => DownloadAsync(entry, folder, hubEndpoint, token, cancellationToken), cancellationToken);
            return download;
        }
    }

    async Task DownloadAsync(CatalogEntry entry, string folder, string hubEndpoint, string? token, CancellationToken cancellationToken)
    {
        var progress = new SynchronousProgress(snapshot => Publish(new ModelStatus(entry.Name, ModelState.Preparing,
            $"Downloading {entry.Name}: {snapshot.Fraction:P0} ({snapshot.BytesDone / 1_000_000} of {snapshot.BytesTotal / 1_000_000} MB).", Folder: folder, Download: snapshot)));
        Publish(new ModelStatus(entry.Name, ModelState.Preparing, $"Starting the download of {entry.Name}.", Folder: folder));
        try
        {
            var hub = new Uri(hubEndpoint.EndsWith('/') ? hubEndpoint : hubEndpoint + "/");
            await downloader.DownloadAsync(entry, folder, hub, token, progress, cancellationToken).ConfigureAwait(false);
            Publish(new ModelStatus(entry.Name, ModelState.Ready, ReadyMessage(entry), Folder: folder));
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

    /// <summary>The loaded model, loading it from the ready folder on first use (once, however many callers wait).</summary>
    /// <param name="load">Loads a folder; throws <see cref="ModelLoadException"/> when it cannot.</param>
    /// <param name="failure">The status message for a model that could not be loaded.</param>
    /// <exception cref="ModelUnavailableException">Not ready, or it cannot be loaded (the status then says why).</exception>
    public async ValueTask<T> LoadAsync(Func<string, T> load, Func<ModelLoadException, string> failure, CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref loaded) is { } ready)
            return ready;
        var current = Status;
        if (current.State != ModelState.Ready || current.Folder is null)
            throw new ModelUnavailableException(current);

        await loading.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (loaded is not null)
                return loaded;
            var folder = current.Folder;
            var model = await Task.Run(() => load(folder), cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref loaded, model);
            return model;
        }
        catch (ModelLoadException e)
        {
            LogLoadFailed(logger, e, current.Model);
            throw new ModelUnavailableException(Publish(current with { State = ModelState.Failed, Message = failure(e) }));
        }
        finally
        {
            loading.Release();
        }
    }

    /// <summary>The model if it is loaded already.</summary>
    public T? Loaded => Volatile.Read(ref loaded);

    public void Dispose()
    {
        loaded?.Dispose();
        loading.Dispose();
    }

    /// <summary>Reports on the downloading thread (no synchronization context hop).</summary>
    sealed class SynchronousProgress(Action<DownloadSnapshot> report) : IProgress<DownloadSnapshot>
    {
        public void Report(DownloadSnapshot value) => report(value);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The download of model {Model} failed")]
    static partial void LogDownloadFailed(ILogger logger, Exception exception, string model);

    [LoggerMessage(Level = LogLevel.Error, Message = "Model {Model} could not be loaded")]
    static partial void LogLoadFailed(ILogger logger, Exception exception, string model);
}
