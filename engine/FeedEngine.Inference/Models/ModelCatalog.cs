namespace FeedEngine.Inference.Models;

/// <summary>A model FeedEngine knows how to download: where it lives on the Hugging Face hub and what it needs.</summary>
/// <param name="Name">The name used in <c>Inference:Model</c>.</param>
/// <param name="Repository">The hub repository, <c>owner/name</c>.</param>
/// <param name="Revision">A branch, tag or commit; checksums are read from the hub for this revision at download time.</param>
/// <param name="Subfolder">The folder inside the repository that holds the model ("" for the root).</param>
/// <param name="Files">The files to fetch, relative to that folder; a file may sit in a folder of its own (<c>unet/model.onnx</c>) and keeps it on disk.</param>
/// <param name="Licence">What the licence asks of a deployment, in a line.</param>
/// <param name="Vision">True when the model reads images (through <c>MultiModalProcessor</c>).</param>
/// <param name="RequiresToken">True when the repository is gated: set <c>Inference:HuggingFaceToken</c> after accepting its terms.</param>
/// <param name="ApproximateBytes">Download size, for the status line.</param>
/// <param name="ExecutionProvider">The execution provider the export was built for (cpu or cuda).</param>
public sealed record CatalogEntry(
    string Name,
    string Repository,
    string Revision,
    string Subfolder,
    IReadOnlyList<string> Files,
    string Licence,
    bool Vision,
    bool RequiresToken,
    long ApproximateBytes,
    string ExecutionProvider = "cpu");

/// <summary>The models FeedEngine can download by name. <c>Inference:Model</c> may also be a folder path or <c>tiny</c>.</summary>
public static class ModelCatalog
{
    /// <summary>The generated random-weight model (offline; replies are random text).</summary>
    public const string TinyName = "tiny";

    public const string DefaultName = "llama-3.2-1b-instruct";

    static readonly string[] LlamaFiles = ["genai_config.json", "model.onnx", "model.onnx.data", "special_tokens_map.json", "tokenizer.json", "tokenizer_config.json"];

    static readonly string[] PhiVisionFiles =
    [
        "genai_config.json", "processor_config.json", "special_tokens_map.json", "tokenizer.json", "tokenizer_config.json",
        "phi-3.5-v-instruct-embedding.onnx", "phi-3.5-v-instruct-embedding.onnx.data",
        "phi-3.5-v-instruct-text.onnx", "phi-3.5-v-instruct-text.onnx.data",
        "phi-3.5-v-instruct-vision.onnx", "phi-3.5-v-instruct-vision.onnx.data",
    ];

    const string LlamaLicence = "Llama 3.2 Community License: show \"Built with Llama\" and follow Meta's acceptable use policy.";
    const string PhiLicence = "MIT.";

    public static IReadOnlyList<CatalogEntry> Entries { get; } =
    [
        new(DefaultName, "onnx-community/Llama-3.2-1B-Instruct-ONNX", "main", "cpu_and_mobile/cpu-int4-rtn-block-32-acc-level-4",
            LlamaFiles, LlamaLicence, Vision: false, RequiresToken: false, ApproximateBytes: 1_700_000_000),
        new("llama-3.2-3b-instruct", "onnx-community/Llama-3.2-3B-Instruct-ONNX", "main", "cpu_and_mobile/cpu-int4-rtn-block-32-acc-level-4",
            LlamaFiles, LlamaLicence, Vision: false, RequiresToken: false, ApproximateBytes: 3_670_000_000),
        new("llama-3.2-3b-instruct-cuda", "onnx-community/Llama-3.2-3B-Instruct-ONNX", "main", "cuda/cuda-int4-rtn-block-32",
            LlamaFiles, LlamaLicence, Vision: false, RequiresToken: false, ApproximateBytes: 2_650_000_000, ExecutionProvider: "cuda"),
        new("phi-3.5-vision-instruct", "microsoft/Phi-3.5-vision-instruct-onnx", "main", "cpu_and_mobile/cpu-int4-rtn-block-32-acc-level-4",
            PhiVisionFiles, PhiLicence, Vision: true, RequiresToken: false, ApproximateBytes: 3_220_000_000),
        new("phi-3.5-vision-instruct-cuda", "microsoft/Phi-3.5-vision-instruct-onnx", "main", "gpu/gpu-int4-rtn-block-32",
            PhiVisionFiles, PhiLicence, Vision: true, RequiresToken: false, ApproximateBytes: 2_600_000_000, ExecutionProvider: "cuda"),
    ];

    public static CatalogEntry? Find(string name) =>
        Entries.FirstOrDefault(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase));
}
