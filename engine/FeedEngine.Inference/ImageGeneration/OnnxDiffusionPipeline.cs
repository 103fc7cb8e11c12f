using System.Diagnostics;
using Microsoft.ML.OnnxRuntime;

namespace FeedEngine.Inference.ImageGeneration;

/// <summary>
/// Text to image in a few steps, SD-Turbo style, on ONNX Runtime: CLIP tokenizer and text encoder, seeded latent noise,
/// the UNet under an Euler scheduler, the VAE decoder, then pixels. Sessions are loaded once and shared: every call
/// runs on the caller's thread and may run alongside others (the scheduler in front decides how many).
/// </summary>
internal sealed class OnnxDiffusionPipeline : IDisposable
{
    readonly ClipTokenizer tokenizer;
    readonly InferenceSession textEncoder;
    readonly InferenceSession unet;
    readonly InferenceSession vae;
    readonly string hiddenOutput, unetOutput, vaeOutput;
    readonly NodeMetadata unetSample, unetTimestep, unetHidden, vaeInput;

    OnnxDiffusionPipeline(DiffusionModelFolder folder, ClipTokenizer tokenizer, InferenceSession textEncoder, InferenceSession unet, InferenceSession vae)
    {
        Folder = folder;
        this.tokenizer = tokenizer;
        this.textEncoder = textEncoder;
        this.unet = unet;
        this.vae = vae;
        Input(textEncoder, "input_ids", folder.TextEncoder);
        hiddenOutput = Output(textEncoder, "last_hidden_state");
        unetSample = Input(unet, "sample", folder.UNet);
        unetTimestep = Input(unet, "timestep", folder.UNet);
        unetHidden = Input(unet, "encoder_hidden_states", folder.UNet);
        unetOutput = Output(unet, "out_sample");
        vaeInput = Input(vae, "latent_sample", folder.VaeDecoder);
        vaeOutput = Output(vae, "sample");
        LatentChannels = unetSample.Dimensions is [_, > 0 and var channels, ..] ? channels : 4;
    }

    public DiffusionModelFolder Folder { get; }

    public int LatentChannels { get; }

    /// <summary>The one size a static-shape export draws, or null when it takes any multiple of 8.</summary>
    public (int Width, int Height)? FixedSize => unetSample.Dimensions is [_, _, > 0 and var h, > 0 and var w] ? (w * 8, h * 8) : null;

    /// <summary>Loads the three sessions. A missing, corrupt or mismatched file gives a <see cref="ModelLoadException"/> naming it.</summary>
    public static OnnxDiffusionPipeline Load(string path, string executionProvider, int intraOpThreads)
    {
        var folder = DiffusionModelFolder.Open(path);
        var tokenizer = ClipTokenizer.Load(folder.TokenizerFolder);
        var sessions = new List<InferenceSession>();
        OnnxDiffusionPipeline? pipeline = null;
        try
        {
            foreach (var file in new[] { folder.TextEncoder, folder.UNet, folder.VaeDecoder })
                sessions.Add(Session(file, executionProvider, intraOpThreads));
            pipeline = new OnnxDiffusionPipeline(folder, tokenizer, sessions[0], sessions[1], sessions[2]);
            return pipeline;
        }
        finally
        {
            if (pipeline is null)
                sessions.ForEach(s => s.Dispose());
        }
    }

    public DiffusionImage Generate(DiffusionRequest request, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        long tokenize, text, unetTime = 0, scheduler = 0, vaeTime, tensors = 0;
        using var run = new RunOptions();
        using var stop = cancellationToken.Register(() => run.Terminate = true);
        var noise = new GaussianNoise(request.Seed);
        var sampler = new EulerScheduler(Folder.Scheduler, request.Steps);
        var (latentHeight, latentWidth) = (request.Height / 8, request.Width / 8);
        long[] latentShape = [1, LatentChannels, latentHeight, latentWidth];

        var mark = Stopwatch.GetTimestamp();
        var ids = tokenizer.Encode(request.Prompt);
        tokenize = Stopwatch.GetTimestamp() - mark;

        mark = Stopwatch.GetTimestamp();
        using var idsValue = DiffusionTensors.Ids(ids, textEncoder.InputMetadata["input_ids"].ElementDataType, "The text encoder's input_ids");
        using var encoded = Run(textEncoder, run, new Dictionary<string, OrtValue> { ["input_ids"] = idsValue }, hiddenOutput, cancellationToken);
        text = Stopwatch.GetTimestamp() - mark;

        mark = Stopwatch.GetTimestamp();
        var hidden = encoded[0];
        using var converted = hidden.GetTensorTypeAndShape().ElementDataType == unetHidden.ElementDataType ? null
            : DiffusionTensors.Floats(DiffusionTensors.ReadFloats(hidden, "The text encoder's output"), DiffusionTensors.Shape(hidden), unetHidden.ElementDataType, "The UNet's encoder_hidden_states");
        var latents = new float[LatentChannels * latentHeight * latentWidth];
        noise.Fill(latents, (float)sampler.InitNoiseSigma);
        var scaled = new float[latents.Length];
        tensors += Stopwatch.GetTimestamp() - mark;

        for (var step = 0; step < request.Steps; step++)
        {
            mark = Stopwatch.GetTimestamp();
            var scale = sampler.InputScale(step);
            for (var i = 0; i < latents.Length; i++)
                scaled[i] = latents[i] * scale;
            using var sample = DiffusionTensors.Floats(scaled, latentShape, unetSample.ElementDataType, "The UNet's sample");
            using var timestep = DiffusionTensors.Timestep(sampler.Timesteps[step], unetTimestep);
            tensors += Stopwatch.GetTimestamp() - mark;

            mark = Stopwatch.GetTimestamp();
            using var predicted = Run(unet, run, new Dictionary<string, OrtValue>
            {
                ["sample"] = sample,
                ["timestep"] = timestep,
                ["encoder_hidden_states"] = converted ?? hidden,
            }, unetOutput, cancellationToken);
            unetTime += Stopwatch.GetTimestamp() - mark;

            mark = Stopwatch.GetTimestamp();
            var output = DiffusionTensors.ReadFloats(predicted[0], "The UNet's output");
            var afterRead = Stopwatch.GetTimestamp();
            tensors += afterRead - mark;
            sampler.Step(step, latents, output, noise);
            scheduler += Stopwatch.GetTimestamp() - afterRead;
        }

        mark = Stopwatch.GetTimestamp();
        var unscale = 1f / Folder.LatentScale;
        for (var i = 0; i < latents.Length; i++)
            latents[i] *= unscale;
        using var latentValue = DiffusionTensors.Floats(latents, latentShape, vaeInput.ElementDataType, "The VAE decoder's latent_sample");
        tensors += Stopwatch.GetTimestamp() - mark;

        mark = Stopwatch.GetTimestamp();
        using var decoded = Run(vae, run, new Dictionary<string, OrtValue> { ["latent_sample"] = latentValue }, vaeOutput, cancellationToken);
        vaeTime = Stopwatch.GetTimestamp() - mark;

        mark = Stopwatch.GetTimestamp();
        var rgb = ToRgb(decoded[0], request.Width, request.Height);
        tensors += Stopwatch.GetTimestamp() - mark;

        var timings = new DiffusionTimings(Elapsed(tokenize), Elapsed(text), Elapsed(unetTime), Elapsed(scheduler), Elapsed(vaeTime), Elapsed(tensors), Stopwatch.GetElapsedTime(started));
        return new DiffusionImage(request.Width, request.Height, rgb, timings);
    }

    public void Dispose()
    {
        textEncoder.Dispose();
        unet.Dispose();
        vae.Dispose();
    }

    /// <summary>The decoder's [1, 3, H, W] output in [-1, 1] as interleaved RGB bytes.</summary>
    static byte[] ToRgb(OrtValue decoded, int width, int height)
    {
        var shape = DiffusionTensors.Shape(decoded);
        if (shape is not [1, 3, var h, var w] || h != height || w != width)
            throw new ModelLoadException($"The VAE decoder drew [{string.Join(", ", shape)}] for a {width} x {height} picture; it should be [1, 3, {height}, {width}].");
        var values = decoded.GetTensorTypeAndShape().ElementDataType == Microsoft.ML.OnnxRuntime.Tensors.TensorElementType.Float
            ? decoded.GetTensorDataAsSpan<float>()
            : DiffusionTensors.ReadFloats(decoded, "The VAE decoder's output");
        var plane = width * height;
        var rgb = new byte[plane * 3];
        for (var channel = 0; channel < 3; channel++)
        {
            var source = values.Slice(channel * plane, plane);
            for (int i = 0, target = channel; i < source.Length; i++, target += 3)
            {
                // [-1, 1] to [0, 255], rounded; NaN and out-of-range values clamp to the ends.
                var level = source[i] * 127.5f + 128f;
                rgb[target] = level >= 255f ? (byte)255 : level > 0f ? (byte)level : (byte)0;
            }
        }
        return rgb;
    }

    static IDisposableReadOnlyCollection<OrtValue> Run(InferenceSession session, RunOptions run, Dictionary<string, OrtValue> inputs, string output, CancellationToken cancellationToken)
    {
        try
        {
            return session.Run(run, inputs, [output]);
        }
        catch (OnnxRuntimeException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }
    }

    static InferenceSession Session(string file, string executionProvider, int intraOpThreads)
    {
        var options = new SessionOptions { LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR };
        try
        {
            if (intraOpThreads > 0)
                options.IntraOpNumThreads = intraOpThreads;
            if (string.Equals(executionProvider, "cuda", StringComparison.OrdinalIgnoreCase))
                options.AppendExecutionProvider_CUDA(0);
            else if (!string.Equals(executionProvider, "cpu", StringComparison.OrdinalIgnoreCase))
                throw new ModelLoadException($"Unknown execution provider '{executionProvider}'; use cpu or cuda.");
            return new InferenceSession(file, options);
        }
        catch (Exception e) when (e is OnnxRuntimeException or EntryPointNotFoundException or DllNotFoundException)
        {
            var hint = string.Equals(executionProvider, "cuda", StringComparison.OrdinalIgnoreCase)
                ? " The cuda execution provider needs the CUDA build (dotnet build -p:FeedEngineGpu=true) and an NVIDIA driver."
                : "";
            throw new ModelLoadException($"ONNX Runtime could not load {file}: {e.Message}{hint}", file, e);
        }
        finally
        {
            options.Dispose();
        }
    }

    static NodeMetadata Input(InferenceSession session, string name, string file) =>
        session.InputMetadata.TryGetValue(name, out var metadata) ? metadata
            : throw new ModelLoadException($"{file} has no input '{name}' (it has {string.Join(", ", session.InputMetadata.Keys)}): it is not the model this folder should hold.", file);

    static string Output(InferenceSession session, string preferred) =>
        session.OutputMetadata.ContainsKey(preferred) ? preferred : session.OutputMetadata.Keys.First();

    static TimeSpan Elapsed(long ticks) => TimeSpan.FromSeconds((double)ticks / Stopwatch.Frequency);
}
