using System.Text.Json;

namespace FeedEngine.Inference.ImageGeneration;

/// <summary>
/// A Stable Diffusion pipeline exported to ONNX, in the diffusers folder layout (as in the SD-Turbo exports on the
/// Hugging Face hub): <c>tokenizer/</c> (vocab.json, merges.txt), <c>text_encoder/model.onnx</c>, <c>unet/model.onnx</c>,
/// <c>vae_decoder/model.onnx</c>, and optionally <c>scheduler/scheduler_config.json</c>, <c>vae_decoder/config.json</c>
/// (the latent scaling factor) and <c>model_index.json</c>. <see cref="Open"/> names the first file that is missing.
/// </summary>
internal sealed record DiffusionModelFolder(
    string Path,
    string TokenizerFolder,
    string TextEncoder,
    string UNet,
    string VaeDecoder,
    SchedulerConfig Scheduler,
    float LatentScale,
    bool IsTestModel)
{
    /// <summary>The latent scaling factor of Stable Diffusion 1.x and 2.x (SD-Turbo included) when the VAE config does not say.</summary>
    public const float DefaultLatentScale = 0.18215f;

    public static DiffusionModelFolder Open(string path)
    {
        if (!Directory.Exists(path))
            throw new ModelLoadException($"The image model folder {path} does not exist.", path);
        string Required(params string[] parts)
        {
            var file = System.IO.Path.Combine([path, .. parts]);
            if (!File.Exists(file))
                throw new ModelLoadException(
                    $"The image model folder {path} has no {string.Join('/', parts)}. It needs the diffusers ONNX layout: tokenizer/vocab.json, tokenizer/merges.txt, text_encoder/model.onnx, unet/model.onnx and vae_decoder/model.onnx.",
                    file);
            return file;
        }
        Required("tokenizer", "vocab.json");
        Required("tokenizer", "merges.txt");
        var textEncoder = Required("text_encoder", "model.onnx");
        var unet = Required("unet", "model.onnx");
        var vae = Required("vae_decoder", "model.onnx");
        var scheduler = SchedulerConfig.Read(System.IO.Path.Combine(path, "scheduler", "scheduler_config.json"));
        var scale = ReadLatentScale(System.IO.Path.Combine(path, "vae_decoder", "config.json"));
        var isTest = File.Exists(System.IO.Path.Combine(path, TestModels.DiffusionTestModels.MarkerFile));
        return new DiffusionModelFolder(path, System.IO.Path.Combine(path, "tokenizer"), textEncoder, unet, vae, scheduler, scale, isTest);
    }

    static float ReadLatentScale(string configPath)
    {
        if (!File.Exists(configPath))
            return DefaultLatentScale;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(configPath));
            return document.RootElement.TryGetProperty("scaling_factor", out var value) && value.ValueKind == JsonValueKind.Number && value.GetSingle() is > 0 and var scale
                ? scale
                : DefaultLatentScale;
        }
        catch (JsonException e)
        {
            throw new ModelLoadException($"{configPath} is not valid JSON: {e.Message}", configPath, e);
        }
    }
}
