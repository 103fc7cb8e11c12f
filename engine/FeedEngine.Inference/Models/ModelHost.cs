using FeedEngine.Inference.Onnx;
using FeedEngine.Storage;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FeedEngine.Inference.Models;

/// <summary>
/// Owns the configured model: knows where it stands (<see cref="Status"/>, observable for the web UI), downloads or
/// generates it, and loads the onnx provider on first use. Conversations asked of a model that is not ready get a
/// <see cref="ModelUnavailableException"/> saying what to download or configure; everything else keeps serving.
/// </summary>
public sealed partial class ModelHost : IObservable<ModelStatus>, IDisposable
{
    readonly InferenceOptions options;
    readonly ModelDownloader downloader;
    readonly ILogger<ModelHost> logger;
    readonly Lock gate = new();
    readonly List<IObserver<ModelStatus>> observers = [];
    readonly SemaphoreSlim loading = new(1, 1);
    readonly IChatClient? remote;
    readonly ModelReference reference;
    Task? download;
    OnnxChatClient? loaded;
    ModelStatus status;

    public ModelHost(IOptions<InferenceOptions> options, IOptions<StorageOptions> storage, ModelDownloader downloader, ILogger<ModelHost> logger)
    {
        this.options = options.Value;
        this.downloader = downloader;
        this.logger = logger;
        ModelsDirectory = Path.GetFullPath(Path.Combine(storage.Value.DataDirectory, "models"));
        reference = ModelReference.Parse(this.options.Model);
        if (this.options.Provider == "openai")
        {
            var openAi = this.options.OpenAI;
            remote = OpenAi.OpenAiChatClientFactory.Create(new OpenAi.OpenAiEndpoint(
                new Uri(openAi.Endpoint!), openAi.Model!, openAi.ApiKey, TimeSpan.FromSeconds(openAi.TimeoutSeconds), openAi.MaxRetries));
            status = new ModelStatus(openAi.Model!, ModelState.Ready, $"Remote model {openAi.Model} at {openAi.Endpoint}.");
        }
        else
        {
            status = InitialStatus();
        }
    }

    /// <summary><c>Storage:DataDirectory</c>/models: downloaded and generated models live here.</summary>
    public string ModelsDirectory { get; }

    public ModelStatus Status
    {
        get { lock (gate) return status; }
    }

    /// <summary>Receives the current status at once, then every change (download progress included).</summary>
    public IDisposable Subscribe(IObserver<ModelStatus> observer)
    {
        ModelStatus current;
        lock (gate)
        {
            observers.Add(observer);
            current = status;
        }
        observer.OnNext(current);
        return new Unsubscriber(this, observer);
    }

    /// <summary>The provider's client (not scheduled), loading the model on first use.</summary>
    /// <exception cref="ModelUnavailableException">The model is missing, downloading, failed, or cannot be loaded.</exception>
    public async ValueTask<IChatClient> GetChatClientAsync(CancellationToken cancellationToken)
    {
        if (remote is not null)
            return remote;
        if (Volatile.Read(ref loaded) is { } ready)
            return ready;
        if (reference.Kind == ModelReferenceKind.Tiny)
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
            var client = await Task.Run(() => OnnxChatClient.Load(folder, new OnnxChatClientOptions
            {
                ExecutionProvider = options.ExecutionProvider,
                DefaultMaxOutputTokens = options.MaxOutputTokens,
                ModelId = options.Model,
            }), cancellationToken).ConfigureAwait(false);
            LogLoaded(logger, options.Model, folder, client.Folder.ModelType, options.ExecutionProvider);
            Volatile.Write(ref loaded, client);
            return client;
        }
        catch (ModelLoadException e)
        {
            LogLoadFailed(logger, e, options.Model);
            var failed = Publish(current with { State = ModelState.Failed, Message = $"The model could not be loaded: {e.Message}" });
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

    ModelStatus Publish(ModelStatus next)
    {
        IObserver<ModelStatus>[] targets;
        lock (gate)
        {
            status = next;
            targets = [.. observers];
        }
        foreach (var observer in targets)
            observer.OnNext(next);
        return next;
    }

    sealed class Unsubscriber(ModelHost host, IObserver<ModelStatus> observer) : IDisposable
    {
        public void Dispose()
        {
            lock (host.gate)
                host.observers.Remove(observer);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded model {Model} from {Folder} ({ModelType}, {ExecutionProvider})")]
    static partial void LogLoaded(ILogger logger, string model, string folder, string modelType, string executionProvider);

    [LoggerMessage(Level = LogLevel.Error, Message = "Model {Model} could not be loaded")]
    static partial void LogLoadFailed(ILogger logger, Exception exception, string model);

}
