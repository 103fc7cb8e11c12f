using System.ComponentModel.DataAnnotations;
using FeedEngine.Inference.Models;

namespace FeedEngine.Inference.ImageGeneration;

/// <summary>Which model draws pictures, and how many at once. Section <c>Inference:Images</c>.</summary>
public sealed class ImageModelOptions : IValidatableObject
{
    public const string SectionName = "Inference:Images";

    /// <summary><c>onnx</c> (in process, ONNX Runtime), <c>openai</c> (an OpenAI-compatible image server) or <c>none</c> (no pictures).</summary>
    [Required, RegularExpression("^(onnx|openai|none)$", ErrorMessage = "Inference:Images:Provider must be onnx, openai or none.")]
    public string Provider { get; set; } = "onnx";

    /// <summary>For onnx: a catalog name (downloaded into <c>Storage:DataDirectory</c>/models), <c>tiny</c> (a generated pipeline that draws noise) or a model folder.</summary>
    [Required]
    public string Model { get; set; } = ImageModelCatalog.DefaultName;

    /// <summary>For onnx: <c>cpu</c> or <c>cuda</c> (the CUDA build, <c>-p:FeedEngineGpu=true</c>).</summary>
    [Required, RegularExpression("^(cpu|cuda)$", ErrorMessage = "Inference:Images:ExecutionProvider must be cpu or cuda.")]
    public string ExecutionProvider { get; set; } = "cpu";

    /// <summary>Download a missing catalog model in the background at start. Off by default: SD-Turbo is gigabytes.</summary>
    public bool AutoDownload { get; set; }

    /// <summary>ONNX Runtime threads per model call; 0 lets ONNX Runtime decide.</summary>
    [Range(0, 256)]
    public int IntraOpThreads { get; set; }

    [Range(64, 4096)]
    public int MaxWidth { get; set; } = 1024;

    [Range(64, 4096)]
    public int MaxHeight { get; set; } = 1024;

    [Range(8, 4096)]
    public int DefaultWidth { get; set; } = 512;

    [Range(8, 4096)]
    public int DefaultHeight { get; set; } = 512;

    /// <summary>Denoising steps when a request does not say (SD-Turbo: 1).</summary>
    [Range(1, 50)]
    public int DefaultSteps { get; set; } = 1;

    [Range(1, 50)]
    public int MaxSteps { get; set; } = 4;

    /// <summary>Pictures drawn at once; unset: 1 for onnx (a picture takes the CPU or GPU), 8 for openai.</summary>
    [Range(1, 1024)]
    public int? MaxConcurrent { get; set; }

    /// <summary>Pictures that may wait for a slot; past this, callers are told to retry later.</summary>
    [Range(0, 100_000)]
    public int MaxQueue { get; set; } = 32;

    public ImageServerOptions OpenAI { get; set; } = new();

    public int EffectiveMaxConcurrent => MaxConcurrent ?? (Provider == "openai" ? 8 : 1);

    public ImageLimits Limits => new(MaxWidth, MaxHeight, DefaultWidth, DefaultHeight, DefaultSteps, MaxSteps);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (DefaultWidth > MaxWidth || DefaultHeight > MaxHeight)
            yield return new ValidationResult("Inference:Images:DefaultWidth and DefaultHeight must not exceed MaxWidth and MaxHeight.", [nameof(DefaultWidth), nameof(DefaultHeight)]);
        if (DefaultSteps > MaxSteps)
            yield return new ValidationResult("Inference:Images:DefaultSteps must not exceed MaxSteps.", [nameof(DefaultSteps)]);
        if (Provider == "openai")
        {
            if (!Uri.TryCreate(OpenAI.Endpoint, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("http" or "https"))
                yield return new ValidationResult("Inference:Images:OpenAI:Endpoint must be an http(s) URL such as http://localhost:8080/v1.", [nameof(OpenAI)]);
            if (string.IsNullOrWhiteSpace(OpenAI.Model))
                yield return new ValidationResult("Inference:Images:OpenAI:Model must name the model the image server serves.", [nameof(OpenAI)]);
            if (OpenAI.TimeoutSeconds is <= 0 or > 3600)
                yield return new ValidationResult("Inference:Images:OpenAI:TimeoutSeconds must be between 1 and 3600.", [nameof(OpenAI)]);
        }
        else if (Provider == "onnx" && ImageModelCatalog.Parse(Model) is { Kind: ModelReferenceKind.Unknown })
        {
            yield return new ValidationResult(
                $"Inference:Images:Model '{Model}' is not a catalog name ({string.Join(", ", ImageModelCatalog.Entries.Select(e => e.Name))}), not '{ImageModelCatalog.TinyName}' and not a folder path.",
                [nameof(Model)]);
        }
    }
}

/// <summary>An OpenAI-compatible image server (<c>POST {Endpoint}/images/generations</c>). Section <c>Inference:Images:OpenAI</c>.</summary>
public sealed class ImageServerOptions
{
    /// <summary>The API base, e.g. <c>http://localhost:8080/v1</c>.</summary>
    public string? Endpoint { get; set; }

    public string? ApiKey { get; set; }

    /// <summary>The model id the server knows.</summary>
    public string? Model { get; set; }

    public int TimeoutSeconds { get; set; } = 120;

    /// <summary>Send the picture's seed as a <c>seed</c> field (servers that honour it keep a post's look; OpenAI itself rejects unknown fields).</summary>
    public bool SendSeed { get; set; }
}
