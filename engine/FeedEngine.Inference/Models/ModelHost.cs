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
    readonly ILogger<ModelHost> logger;
    readonly Lock gate = new();
    readonly List<IObserver<ModelStatus>> observers = [];
    readonly IChatClient? remote;
    readonly ModelReference reference;
    readonly ModelPreparation<OnnxChatClient> preparation;

    public ModelHost(IOptions<InferenceOptions> options, IOptions<StorageOptions> storage, ModelDownloader downloader, ILogger<ModelHost> logger)
    {
        this.options = options.Value;
        this.logger = logger;
        ModelsDirectory = Path.GetFullPath(Path.Combine(storage.Value.DataDirectory, "models"));
        reference = ModelReference.Parse(this.options.Model);
        ModelStatus initial;
        if (this.options.Provider == "openai")
        {
            var openAi = this.options.OpenAI;
            remote = OpenAi.OpenAiChatClientFactory.Create(new OpenAi.OpenAiEndpoint(
                new Uri(openAi.Endpoint!), openAi.Model!, openAi.ApiKey, TimeSpan.FromSeconds(openAi.TimeoutSeconds), openAi.MaxRetries));
            initial = new ModelStatus(openAi.Model!, ModelState.Ready, $"Remote model {openAi.Model} at {openAi.Endpoint}.");
        }
        else
        {
            initial = InitialStatus();
        }
        preparation = new ModelPreparation<OnnxChatClient>(initial, downloader, logger);
        preparation.Changed += Notify;
    }

    /// <summary><c>Storage:DataDirectory</c>/models: downloaded and generated models live here.</summary>
    public string ModelsDirectory { get; }

    public ModelStatus Status => preparation.Status;

    /// <summary>Receives the current status at once, then every change (download progress included).</summary>
    public IDisposable Subscribe(IObserver<ModelStatus> observer)
    {
        lock (gate)
            observers.Add(observer);
        observer.OnNext(preparation.Status);
        return new Unsubscriber(this, observer);
    }

    /// <summary>The provider's client (not scheduled), loading the model on first use.</summary>
    /// <exception cref="ModelUnavailableException">The model is missing, downloading, failed, or cannot be loaded.</exception>
    public async ValueTask<IChatClient> GetChatClientAsync(CancellationToken cancellationToken)
    {
        if (remote is not null)
            return remote;
        if (preparation.Loaded is { } ready)
            return ready;
        if (reference.Kind == ModelReferenceKind.Tiny)
            await EnsureTinyAsync(cancellationToken).ConfigureAwait(false);
        return await preparation.LoadAsync(folder =>
        {
            var client = OnnxChatClient.Load(folder, new OnnxChatClientOptions
            {
                ExecutionProvider = options.ExecutionProvider,
                DefaultMaxOutputTokens = options.MaxOutputTokens,
                ModelId = options.Model,
            });
            LogLoaded(logger, options.Model, folder, client.Folder.ModelType, options.ExecutionProvider);
            return client;
        }, e => $"The model could not be loaded: {e.Message}", cancellationToken).ConfigureAwait(false);
    }

    public void Dispose()
    {
        preparation.Changed -= Notify;
        preparation.Dispose();
        remote?.Dispose();
    }

    void Notify(ModelStatus next)
    {
        IObserver<ModelStatus>[] targets;
        lock (gate)
            targets = [.. observers];
        foreach (var observer in targets)
            observer.OnNext(next);
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

}
