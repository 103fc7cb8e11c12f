using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Protobuf;

namespace FeedEngine.Inference.TestModels;

/// <summary>
/// Writes tiny random-weight text-to-image pipelines in the diffusers ONNX folder layout of the SD-Turbo exports
/// (<c>model_index.json</c>, <c>scheduler/</c>, <c>tokenizer/</c>, <c>text_encoder/</c>, <c>unet/</c>, <c>vae_decoder/</c>).
/// They load and draw through the same code as a downloaded SD-Turbo; their pictures are noise.
/// </summary>
public static class DiffusionTestModels
{
    /// <summary>A marker naming the spec; a folder whose marker matches is reused as is.</summary>
    public const string MarkerFile = "feedengine_test_model.json";

    static readonly Lock WriteLock = new();
    static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Writes the pipeline into <paramref name="folder"/> unless the same spec is already there; returns the folder.</summary>
    public static string Ensure(string folder, DiffusionTestModelSpec spec)
    {
        spec.Validate();
        var marker = JsonSerializer.Serialize(new { format = DiffusionTestModelSpec.FormatVersion, spec = spec.ToString(), randomPictures = true });
        lock (WriteLock)
        {
            var markerPath = Path.Combine(folder, MarkerFile);
            if (File.Exists(markerPath) && File.ReadAllText(markerPath) == marker)
                return folder;
            Write(folder, spec);
            File.WriteAllText(markerPath, marker);
            return folder;
        }
    }

    static void Write(string folder, DiffusionTestModelSpec spec)
    {
        Directory.CreateDirectory(folder);
        ClipTestVocabulary.Write(Path.Combine(folder, "tokenizer"));
        WriteModel(folder, "text_encoder", DiffusionGraphs.TextEncoder(spec, ClipTestVocabulary.Tokens().Count));
        WriteModel(folder, "unet", DiffusionGraphs.UNet(spec));
        WriteModel(folder, "vae_decoder", DiffusionGraphs.VaeDecoder(spec));
        WriteJson(Path.Combine(folder, "vae_decoder", "config.json"), new JsonObject
        {
            ["_class_name"] = "AutoencoderKL",
            ["latent_channels"] = DiffusionGraphs.LatentChannels,
            ["scaling_factor"] = 0.18215,
        });
        // SD-Turbo's scheduler: Euler, epsilon prediction, trailing timesteps.
        WriteJson(Path.Combine(folder, "scheduler", "scheduler_config.json"), new JsonObject
        {
            ["_class_name"] = "EulerDiscreteScheduler",
            ["beta_end"] = 0.012,
            ["beta_schedule"] = "scaled_linear",
            ["beta_start"] = 0.00085,
            ["num_train_timesteps"] = 1000,
            ["prediction_type"] = "epsilon",
            ["steps_offset"] = 1,
            ["timestep_spacing"] = "trailing",
        });
        WriteJson(Path.Combine(folder, "model_index.json"), new JsonObject
        {
            ["_class_name"] = "OnnxStableDiffusionPipeline",
            ["_name_or_path"] = spec.Name,
            ["scheduler"] = new JsonArray("diffusers", "EulerDiscreteScheduler"),
            ["text_encoder"] = new JsonArray("diffusers", "OnnxRuntimeModel"),
            ["tokenizer"] = new JsonArray("transformers", "CLIPTokenizer"),
            ["unet"] = new JsonArray("diffusers", "OnnxRuntimeModel"),
            ["vae_decoder"] = new JsonArray("diffusers", "OnnxRuntimeModel"),
        });
    }

    static void WriteModel(string folder, string part, Onnx.ModelProto model)
    {
        var directory = Path.Combine(folder, part);
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, "model.onnx.partial");
        using (var stream = File.Create(temporary))
            model.WriteTo(stream);
        File.Move(temporary, Path.Combine(directory, "model.onnx"), overwrite: true);
    }

    static void WriteJson(string path, JsonObject value)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, value.ToJsonString(Indented));
    }
}
