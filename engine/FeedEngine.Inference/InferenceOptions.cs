using System.ComponentModel.DataAnnotations;
using FeedEngine.Inference.Models;

namespace FeedEngine.Inference;

/// <summary>Which model answers, and how many generations it takes at once. Section <c>Inference</c>.</summary>
public sealed class InferenceOptions : IValidatableObject
{
    public const string SectionName = "Inference";

    /// <summary><c>onnx</c> (in process, ONNX Runtime GenAI) or <c>openai</c> (any OpenAI-compatible server).</summary>
    [Required, RegularExpression("^(onnx|openai)$", ErrorMessage = "Inference:Provider must be onnx or openai.")]
    public string Provider { get; set; } = "onnx";

    /// <summary>For onnx: a catalog name (downloaded into <c>Storage:DataDirectory</c>/models), <c>tiny</c> (a generated test model with random replies) or a model folder path.</summary>
    [Required]
    public string Model { get; set; } = ModelCatalog.DefaultName;

    /// <summary>For onnx: <c>cpu</c> or <c>cuda</c> (the CUDA build, <c>-p:FeedEngineGpu=true</c>).</summary>
    [Required, RegularExpression("^(cpu|cuda)$", ErrorMessage = "Inference:ExecutionProvider must be cpu or cuda.")]
    public string ExecutionProvider { get; set; } = "cpu";

    /// <summary>Download a missing catalog model in the background at start. Off by default: a model is gigabytes.</summary>
    public bool AutoDownload { get; set; }

    /// <summary>A Hugging Face access token, for gated repositories.</summary>
    public string? HuggingFaceToken { get; set; }

    /// <summary>The hub (or a mirror with the same API).</summary>
    [Required, Url]
    public string HuggingFaceEndpoint { get; set; } = "https://huggingface.co/";

    /// <summary>Generations running at once; unset: 2 for onnx (CPU cores are shared), 32 for openai (the server batches).</summary>
    [Range(1, 4096)]
    public int? MaxConcurrent { get; set; }

    /// <summary>Generations that may wait for a slot; past this, callers are told to retry later.</summary>
    [Range(0, 100_000)]
    public int MaxQueue { get; set; } = 64;

    /// <summary>Reply length when a request does not set one.</summary>
    [Range(1, 32_768)]
    public int MaxOutputTokens { get; set; } = 512;

    public OpenAiOptions OpenAI { get; set; } = new();

    public int EffectiveMaxConcurrent => MaxConcurrent ?? (Provider == "openai" ? 32 : 2);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Provider == "openai")
        {
            if (!Uri.TryCreate(OpenAI.Endpoint, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("http" or "https"))
                yield return new ValidationResult("Inference:OpenAI:Endpoint must be an http(s) URL such as http://localhost:8000/v1.", [nameof(OpenAI)]);
            if (string.IsNullOrWhiteSpace(OpenAI.Model))
                yield return new ValidationResult("Inference:OpenAI:Model must name the model the server serves.", [nameof(OpenAI)]);
            if (OpenAI.TimeoutSeconds is <= 0 or > 3600)
                yield return new ValidationResult("Inference:OpenAI:TimeoutSeconds must be between 1 and 3600.", [nameof(OpenAI)]);
            if (OpenAI.MaxRetries is < 0 or > 10)
                yield return new ValidationResult("Inference:OpenAI:MaxRetries must be between 0 and 10.", [nameof(OpenAI)]);
        }
        else if (ModelReference.Parse(Model) is { Kind: ModelReferenceKind.Unknown })
        {
            yield return new ValidationResult(
                $"Inference:Model '{Model}' is not a catalog name ({string.Join(", ", ModelCatalog.Entries.Select(e => e.Name))}), not '{ModelCatalog.TinyName}' and not a folder path.",
                [nameof(Model)]);
        }
    }
}

/// <summary>An OpenAI-compatible endpoint. Section <c>Inference:OpenAI</c>.</summary>
public sealed class OpenAiOptions
{
    /// <summary>The API base, e.g. <c>http://localhost:8000/v1</c> (vLLM), <c>http://localhost:11434/v1</c> (Ollama).</summary>
    public string? Endpoint { get; set; }

    public string? ApiKey { get; set; }

    /// <summary>The model id the server knows, e.g. <c>meta-llama/Llama-4-Scout-17B-16E-Instruct</c>.</summary>
    public string? Model { get; set; }

    public int TimeoutSeconds { get; set; } = 100;

    public int MaxRetries { get; set; } = 1;

    /// <summary>True when the served model reads images (Llama 3.2 Vision, Llama 4, Qwen2.5-VL...): viewers may then attach pictures.</summary>
    public bool Vision { get; set; }
}
