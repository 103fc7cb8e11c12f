namespace FeedEngine.Inference.TestModels;

/// <summary>The shape of a generated random-weight decoder model (Llama-style I/O, ONNX Runtime GenAI format).</summary>
/// <param name="Name">Folder-friendly name, written into the config so the model identifies itself.</param>
/// <param name="HiddenSize">Model width; must be <paramref name="Heads"/> x head size.</param>
/// <param name="Layers">Transformer blocks (each: attention with a key-value cache, then an MLP).</param>
/// <param name="Heads">Attention heads (also the key-value heads).</param>
/// <param name="MlpSize">Width of the MLP inside each block.</param>
/// <param name="ContextLength">The longest sequence (prompt + reply) the model accepts.</param>
/// <param name="Seed">Weights are a pure function of the spec: the same seed writes the same bytes.</param>
/// <param name="IntraOpThreads">ONNX Runtime threads per generation step (1 = one core).</param>
/// <param name="Vision">True: a <c>phi3v</c> model (vision and embedding graphs, <c>processor_config.json</c>) that reads images through <c>MultiModalProcessor</c>.</param>
/// <param name="Unbiased">True: no logits bias, so replies include special tokens and bytes that are not printable text.</param>
/// <param name="ScriptedAnswer">
/// Set: the model answers exactly this text to any chat prompt (a next-token table outweighs the random weights: the
/// prompt's last byte, a newline, leads to the first character, each character to the next, the last to end of turn).
/// Distinct printable ASCII characters only. For tests that need a real model with a known answer (a guard's verdict).
/// </param>
public sealed record TestModelSpec(
    string Name,
    int HiddenSize,
    int Layers,
    int Heads,
    int MlpSize,
    int ContextLength,
    int Seed,
    int IntraOpThreads = 1,
    bool Unbiased = false,
    bool Vision = false,
    string? ScriptedAnswer = null)
{
    /// <summary>A tiny model that answers <paramref name="answer"/> to every prompt, e.g. a Llama Guard verdict <c>unsafe S1</c>.</summary>
    public static TestModelSpec Scripted(string answer) =>
        new("feedengine-scripted", HiddenSize: 64, Layers: 2, Heads: 4, MlpSize: 128, ContextLength: 4096, Seed: 19, ScriptedAnswer: answer);

    /// <summary>Like <see cref="Tiny"/> but without the logits bias: it emits control bytes, broken UTF-8 and special tokens.</summary>
    public static TestModelSpec Hostile { get; } = new("feedengine-hostile", HiddenSize: 64, Layers: 2, Heads: 4, MlpSize: 128, ContextLength: 4096, Seed: 13, Unbiased: true);

    /// <summary>A tiny Phi-3-vision style model: images go through ONNX Runtime GenAI's real image processor.</summary>
    public static TestModelSpec TinyVision { get; } = new("feedengine-tiny-vision", HiddenSize: 64, Layers: 2, Heads: 4, MlpSize: 128, ContextLength: 8192, Seed: 17, Vision: true);

    /// <summary>The generator's version; a folder written by an older one is rewritten.</summary>
    public const int FormatVersion = 2;

    /// <summary>A very small model for fast tests (about 10-25k tokens/s on one core).</summary>
    public static TestModelSpec Tiny { get; } = new("feedengine-tiny", HiddenSize: 64, Layers: 2, Heads: 4, MlpSize: 128, ContextLength: 4096, Seed: 7);

    /// <summary>A larger model for benchmarks: its raw token loop runs at a few hundred tokens/s on one core.</summary>
    public static TestModelSpec Bench { get; } = new("feedengine-bench", HiddenSize: 256, Layers: 6, Heads: 4, MlpSize: 1024, ContextLength: 4096, Seed: 11);

    public int HeadSize => HiddenSize / Heads;

    internal void Validate()
    {
        if (HiddenSize <= 0 || Heads <= 0 || HiddenSize % Heads != 0)
            throw new ArgumentException($"Hidden size {HiddenSize} must be a positive multiple of the head count {Heads}.");
        if (Layers <= 0 || MlpSize <= 0 || ContextLength <= 0 || IntraOpThreads < 0)
            throw new ArgumentException("Layers, MLP size and context length must be positive.");
        if (ScriptedAnswer is { } answer
            && (answer.Length == 0 || answer.Distinct().Count() != answer.Length || answer.Any(c => c is < ' ' or > '~') || Vision))
            throw new ArgumentException("A scripted answer needs distinct printable ASCII characters (and a text-only model).");
    }
}
