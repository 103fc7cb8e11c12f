using System.Text.Json;

namespace FeedEngine.Inference.Onnx;

/// <summary>
/// What FeedEngine reads from a model folder before handing it to ONNX Runtime GenAI, so that a missing or
/// malformed file is reported by name rather than as a native error.
/// </summary>
public sealed record OnnxModelFolder(string Path, string ModelType, int ContextLength, string DecoderFile, bool IsTestModel, int VocabularySize = 0)
{
    /// <summary>Vision-language and multimodal model types ONNX Runtime GenAI runs through <c>MultiModalProcessor</c>.</summary>
    static readonly HashSet<string> VisionTypes = ["phi3v", "phi4mm", "gemma3", "qwen2_5_vl", "qwen3_vl", "qwen3_5", "qwen3_5_moe", "mistral3", "fara", "gemma4", "videochat_flash_qwen"];

    public bool IsVision => VisionTypes.Contains(ModelType);

    /// <summary>Checks the files a GenAI model folder needs and reads <c>genai_config.json</c>.</summary>
    /// <exception cref="ModelLoadException">A file is missing or malformed; the message names it.</exception>
    public static OnnxModelFolder Inspect(string folder)
    {
        var path = System.IO.Path.GetFullPath(folder);
        if (!Directory.Exists(path))
            throw new ModelLoadException($"The model folder {path} does not exist.", path);

        var configPath = Require(path, "genai_config.json");
        JsonElement model;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(configPath));
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("model", out var found) || found.ValueKind != JsonValueKind.Object)
                throw new ModelLoadException($"{configPath} has no \"model\" object; it is not an ONNX Runtime GenAI config.", configPath);
            model = found.Clone();
        }
        catch (JsonException e)
        {
            throw new ModelLoadException($"{configPath} is not valid JSON: {e.Message}", configPath, e);
        }

        var type = model.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "";
        if (type.Length == 0)
            throw new ModelLoadException($"{configPath} does not say which model type it holds (model.type).", configPath);
        var context = model.TryGetProperty("context_length", out var c) && c.TryGetInt32(out var length) ? length : 0;
        if (context <= 0)
            throw new ModelLoadException($"{configPath} needs a positive model.context_length.", configPath);

        var decoder = "";
        foreach (var section in new[] { "decoder", "text" })
        {
            if (model.TryGetProperty(section, out var s) && s.ValueKind == JsonValueKind.Object
                && s.TryGetProperty("filename", out var f) && f.ValueKind == JsonValueKind.String)
            {
                decoder = f.GetString()!;
                break;
            }
        }
        if (decoder.Length == 0)
            throw new ModelLoadException($"{configPath} names no decoder file (model.decoder.filename).", configPath);
        if (decoder.Contains("..", StringComparison.Ordinal) || System.IO.Path.IsPathRooted(decoder))
            throw new ModelLoadException($"{configPath} names a decoder file outside the model folder: {decoder}.", configPath);

        var decoderPath = Require(path, decoder);
        if (new FileInfo(decoderPath).Length == 0)
            throw new ModelLoadException($"The model file {decoderPath} is empty.", decoderPath);
        Require(path, "tokenizer.json");
        Require(path, "tokenizer_config.json");
        var vocabulary = model.TryGetProperty("vocab_size", out var v) && v.TryGetInt32(out var size) ? size : 0;
        return new OnnxModelFolder(path, type, context, decoder, TestModels.TestModelGenerator.IsTestModel(path), vocabulary);
    }

    static string Require(string folder, string file)
    {
        var path = System.IO.Path.Combine(folder, file);
        if (!File.Exists(path))
            throw new ModelLoadException($"The model folder {folder} has no {file}.", path);
        return path;
    }
}
