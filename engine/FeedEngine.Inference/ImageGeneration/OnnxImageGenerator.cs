#pragma warning disable MEAI001 // Microsoft.Extensions.AI's image generation abstraction is experimental in 10.x.
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.AI;

namespace FeedEngine.Inference.ImageGeneration;

/// <summary>How the in-process image model runs.</summary>
public sealed record OnnxImageGeneratorOptions
{
    /// <summary><c>cpu</c> or <c>cuda</c> (the latter needs the CUDA build, <c>-p:FeedEngineGpu=true</c>).</summary>
    public string ExecutionProvider { get; init; } = "cpu";

    /// <summary>ONNX Runtime threads per model call; 0 lets ONNX Runtime decide.</summary>
    public int IntraOpThreads { get; init; }

    public ImageLimits Limits { get; init; } = new();

    /// <summary>The name reported as the model (a catalog name or the folder).</summary>
    public string? ModelId { get; init; }
}

/// <summary>What one call cost, returned as the response's raw representation (benchmarks read it).</summary>
/// <param name="Pictures">Per picture: the pipeline's timings.</param>
/// <param name="PngEncoding">Time spent writing PNG files, all pictures together.</param>
public sealed record OnnxImageReport(IReadOnlyList<DiffusionTimings> Pictures, TimeSpan PngEncoding);

/// <summary>
/// The in-process image provider: an SD-Turbo-class ONNX pipeline behind Microsoft.Extensions.AI's
/// <see cref="IImageGenerator"/>. Each picture is a PNG <see cref="DataContent"/> whose <c>AdditionalProperties</c> carry
/// the seed it was drawn with; the PNG's text chunks say it is AI-generated and by which model.
/// The same prompt, size, steps and seed give the same bytes.
/// </summary>
public sealed class OnnxImageGenerator : IImageGenerator
{
    readonly OnnxDiffusionPipeline pipeline;
    readonly OnnxImageGeneratorOptions options;
    readonly ImageGeneratorMetadata metadata;

    OnnxImageGenerator(OnnxDiffusionPipeline pipeline, OnnxImageGeneratorOptions options)
    {
        this.pipeline = pipeline;
        this.options = options;
        ModelId = options.ModelId ?? Path.GetFileName(Path.TrimEndingDirectorySeparator(pipeline.Folder.Path));
        metadata = new ImageGeneratorMetadata("onnx", null, ModelId);
    }

    public string ModelId { get; }

    /// <summary>True for a generated random-weight pipeline: its pictures are noise.</summary>
    public bool IsTestModel => pipeline.Folder.IsTestModel;

    /// <summary>Loads the pipeline in <paramref name="folder"/>.</summary>
    /// <exception cref="ModelLoadException">A file is missing or ONNX Runtime rejects it; the message names it.</exception>
    public static OnnxImageGenerator Load(string folder, OnnxImageGeneratorOptions? options = null)
    {
        options ??= new OnnxImageGeneratorOptions();
        return new OnnxImageGenerator(OnnxDiffusionPipeline.Load(folder, options.ExecutionProvider, options.IntraOpThreads), options);
    }

    public async Task<ImageGenerationResponse> GenerateAsync(ImageGenerationRequest request, ImageGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var asked = ImageRequest.Read(request, options, this.options.Limits);
        if (pipeline.FixedSize is { } only && (only.Width != asked.Width || only.Height != asked.Height))
            asked = asked with { Width = only.Width, Height = only.Height };

        var contents = new List<AIContent>(asked.Count);
        var timings = new List<DiffusionTimings>(asked.Count);
        var encoding = TimeSpan.Zero;
        for (var index = 0; index < asked.Count; index++)
        {
            var seed = unchecked(asked.Seed + index);
            var picture = await Task.Run(() => pipeline.Generate(new DiffusionRequest(asked.Prompt, asked.Width, asked.Height, asked.Steps, seed), cancellationToken), cancellationToken).ConfigureAwait(false);
            var started = Stopwatch.GetTimestamp();
            var png = PngWriter.EncodeRgb(picture.Rgb, picture.Width, picture.Height,
            [
                new("Software", "FeedEngine"),
                new("Source", ModelId),
                new("Description", "AI-generated image"),
            ]);
            encoding += Stopwatch.GetElapsedTime(started);
            timings.Add(picture.Timings);
            contents.Add(new DataContent(png, "image/png")
            {
                AdditionalProperties = new()
                {
                    [ImageGenerationKeys.Seed] = seed,
                    [ImageGenerationKeys.Steps] = asked.Steps,
                },
            });
        }
        return new ImageGenerationResponse(contents) { RawRepresentation = new OnnxImageReport(timings, encoding) };
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(ImageGeneratorMetadata) ? metadata
        : serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose() => pipeline.Dispose();

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"onnx image model {ModelId} ({options.ExecutionProvider})");
}
