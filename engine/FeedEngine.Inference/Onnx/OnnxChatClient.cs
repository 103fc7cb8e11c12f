using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.AI;
using Microsoft.ML.OnnxRuntimeGenAI;

namespace FeedEngine.Inference.Onnx;

/// <summary>How the onnx provider runs a model folder.</summary>
public sealed record OnnxChatClientOptions
{
    /// <summary><c>cpu</c> or <c>cuda</c> (the latter needs the CUDA build, <c>-p:FeedEngineGpu=true</c>).</summary>
    public string ExecutionProvider { get; init; } = "cpu";

    /// <summary>Reply length when a request does not set <see cref="ChatOptions.MaxOutputTokens"/>.</summary>
    public int DefaultMaxOutputTokens { get; init; } = 512;

    /// <summary>The name the model reports as <see cref="ChatResponseUpdate.ModelId"/>; defaults to the folder name.</summary>
    public string? ModelId { get; init; }
}

/// <summary>
/// The <c>onnx</c> provider: runs an ONNX Runtime GenAI model folder in process. Applies the model's chat template,
/// streams one update per decoded piece of text, honours temperature, top-p, top-k, seed, max tokens and stop sequences,
/// and stops before the next token once the caller cancels or stops reading.
/// </summary>
public sealed partial class OnnxChatClient : IChatClient
{
    static readonly Lazy<OgaHandle> Runtime = new(() => new OgaHandle(), LazyThreadSafetyMode.ExecutionAndPublication);

    readonly Model model;
    readonly Tokenizer tokenizer;
    readonly MultiModalProcessor? processor;
    readonly OnnxChatClientOptions options;
    readonly Lock gate = new();
    readonly ChatClientMetadata metadata;
    int liveGenerators;
    long tokensGenerated;
    bool disposeRequested;
    bool disposed;

    OnnxChatClient(OnnxModelFolder folder, Model model, Tokenizer tokenizer, MultiModalProcessor? processor, OnnxChatClientOptions options)
    {
        Folder = folder;
        this.model = model;
        this.tokenizer = tokenizer;
        this.processor = processor;
        this.options = options;
        ModelId = options.ModelId ?? System.IO.Path.GetFileName(folder.Path);
        metadata = new ChatClientMetadata("onnx", new Uri(folder.Path + System.IO.Path.DirectorySeparatorChar), ModelId);
    }

    public OnnxModelFolder Folder { get; }

    /// <summary>The loaded GenAI model, for the benchmark's raw loop (so both paths read the same weights).</summary>
    internal Model NativeModel => model;

    internal Tokenizer NativeTokenizer => tokenizer;

    public string ModelId { get; }

    /// <summary>Generators alive right now (each is disposed as soon as its generation ends or is cancelled).</summary>
    public int LiveGenerators => Volatile.Read(ref liveGenerators);

    /// <summary>Tokens this client has generated since it was loaded.</summary>
    public long TokensGenerated => Interlocked.Read(ref tokensGenerated);

    /// <summary>Checks and loads a model folder.</summary>
    /// <exception cref="ModelLoadException">A file is missing or malformed, or ONNX Runtime rejects the model; the message names the file.</exception>
    public static OnnxChatClient Load(string folder, OnnxChatClientOptions? options = null)
    {
        options ??= new OnnxChatClientOptions();
        var inspected = OnnxModelFolder.Inspect(folder);
        _ = Runtime.Value;
        Model? model = null;
        Tokenizer? tokenizer = null;
        try
        {
            using (var config = new Config(inspected.Path))
            {
                config.ClearProviders();
                switch (options.ExecutionProvider.ToLowerInvariant())
                {
                    case "cpu":
                        break;
                    case "cuda":
                        config.AppendProvider("cuda");
                        break;
                    default:
                        throw new ModelLoadException($"Unknown execution provider '{options.ExecutionProvider}'; use cpu or cuda.");
                }
                model = new Model(config);
            }
            tokenizer = new Tokenizer(model);
            var processor = inspected.IsVision ? new MultiModalProcessor(model) : null;
            return new OnnxChatClient(inspected, model, tokenizer, processor, options);
        }
        catch (OnnxRuntimeGenAIException e)
        {
            tokenizer?.Dispose();
            model?.Dispose();
            var hint = options.ExecutionProvider.Equals("cuda", StringComparison.OrdinalIgnoreCase)
                ? " The cuda execution provider needs the CUDA build (dotnet build -p:FeedEngineGpu=true) and an NVIDIA driver."
                : "";
            throw new ModelLoadException($"ONNX Runtime GenAI could not load {System.IO.Path.Combine(inspected.Path, inspected.DecoderFile)}: {e.Message}{hint}", inspected.Path, e);
        }
    }

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        await GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken).ConfigureAwait(false);

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var prepared = OnnxPrompt.Prepare(messages, options, Folder);
        var channel = Channel.CreateUnbounded<ChatResponseUpdate>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true, AllowSynchronousContinuations = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var request = new GenerationRequest(prepared, options, Guid.NewGuid().ToString("N"), DateTimeOffset.UtcNow);
        // A generation thread: each step blocks in native code, which must not tie up the thread pool.
        var producer = GenerationThreads.Run(() => Generate(request, channel.Writer, stop.Token));
        try
        {
            var reader = channel.Reader;
            while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (reader.TryRead(out var update))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    yield return update;
                }
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await producer.ConfigureAwait(false);
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(ChatClientMetadata) ? metadata
        : serviceType.IsInstanceOfType(this) ? this
        : null;

    /// <summary>Releases the model; generations still running finish first.</summary>
    public void Dispose()
    {
        lock (gate)
        {
            disposeRequested = true;
            if (liveGenerators > 0)
                return;
        }
        Release();
    }

    sealed record GenerationRequest(OnnxPrompt.Prepared Prompt, ChatOptions? Options, string ResponseId, DateTimeOffset Created);

    void Enter()
    {
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposeRequested, this);
            liveGenerators++;
        }
    }

    void Exit()
    {
        bool release;
        lock (gate)
            release = --liveGenerators == 0 && disposeRequested;
        if (release)
            Release();
    }

    void Release()
    {
        lock (gate)
        {
            if (disposed)
                return;
            disposed = true;
        }
        processor?.Dispose();
        tokenizer.Dispose();
        model.Dispose();
    }
}
