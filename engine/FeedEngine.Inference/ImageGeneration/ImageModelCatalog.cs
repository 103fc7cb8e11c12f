using FeedEngine.Inference.Models;

namespace FeedEngine.Inference.ImageGeneration;

/// <summary>The text-to-image models FeedEngine can download by name. <c>Inference:Images:Model</c> may also be a folder or <c>tiny</c>.</summary>
public static class ImageModelCatalog
{
    /// <summary>The generated random-weight pipeline (offline; it draws noise).</summary>
    public const string TinyName = "tiny";

    public const string DefaultName = "sd-turbo";

    const string StabilityLicence =
        "Stability AI Non-Commercial Research Community License: research and non-commercial use; commercial use needs a Stability AI licence. Label pictures as AI-generated.";

    /// <summary>A diffusers ONNX pipeline: what the in-process provider reads (vae_encoder and safety checker are not needed).</summary>
    static readonly string[] DiffusersOnnxFiles =
    [
        "model_index.json",
        "scheduler/scheduler_config.json",
        "tokenizer/merges.txt", "tokenizer/special_tokens_map.json", "tokenizer/tokenizer_config.json", "tokenizer/vocab.json",
        "text_encoder/model.onnx",
        "unet/model.onnx",
        "vae_decoder/model.onnx",
    ];

    public static IReadOnlyList<CatalogEntry> Entries { get; } =
    [
        // SD-Turbo exported and optimized with Olive by the ONNX Runtime team (fp16, for the CUDA execution provider);
        // the export the ONNX Runtime / Hugging Face SD-Turbo article points to. For CPU, point Inference:Images:Model at
        // a float32 export (optimum-cli export onnx --model stabilityai/sd-turbo) instead.
        new(DefaultName, "tlwu/sd-turbo-onnxruntime", "main", "", DiffusersOnnxFiles, StabilityLicence,
            Vision: false, RequiresToken: false, ApproximateBytes: 2_510_000_000, ExecutionProvider: "cuda"),
    ];

    public static CatalogEntry? Find(string name) =>
        Entries.FirstOrDefault(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>What <c>Inference:Images:Model</c> names: the tiny pipeline, a catalog entry, a folder, or nothing known.</summary>
    public static ModelReference Parse(string model)
    {
        var value = model.Trim();
        if (string.Equals(value, TinyName, StringComparison.OrdinalIgnoreCase))
            return new(ModelReferenceKind.Tiny, value);
        if (Find(value) is { } entry)
            return new(ModelReferenceKind.Catalog, value, entry);
        var looksLikePath = Path.IsPathRooted(value) || value.Contains('/') || value.Contains('\\') || value.StartsWith('.') || value.StartsWith('~');
        return looksLikePath ? new(ModelReferenceKind.Folder, value) : new(ModelReferenceKind.Unknown, value);
    }
}
