using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Protobuf;

namespace FeedEngine.Inference.TestModels;

/// <summary>
/// Writes tiny random-weight decoder models in the real ONNX Runtime GenAI folder format
/// (<c>genai_config.json</c>, <c>model.onnx</c>, <c>tokenizer.json</c>, <c>tokenizer_config.json</c>).
/// They load and stream through the same code as a downloaded model; their replies are random text.
/// </summary>
public static class TestModelGenerator
{
    /// <summary>A marker file naming the spec; a folder whose marker matches is reused as is.</summary>
    public const string MarkerFile = "feedengine_test_model.json";

    static readonly Lock WriteLock = new();

    /// <summary>Writes the model into <paramref name="folder"/> unless the same spec is already there; returns the folder.</summary>
    public static string Ensure(string folder, TestModelSpec spec)
    {
        spec.Validate();
        var marker = MarkerText(spec);
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

    /// <summary>Whether <paramref name="folder"/> holds a generated test model (random replies).</summary>
    public static bool IsTestModel(string folder) => File.Exists(Path.Combine(folder, MarkerFile));

    static void Write(string folder, TestModelSpec spec)
    {
        Directory.CreateDirectory(folder);
        WriteGraph(folder, "model.onnx", DecoderGraph.Build(spec, takesEmbeddings: spec.Vision));
        if (spec.Vision)
        {
            WriteGraph(folder, "vision.onnx", VisionGraphs.BuildVision(spec));
            WriteGraph(folder, "embedding.onnx", VisionGraphs.BuildEmbedding(spec));
            File.WriteAllText(Path.Combine(folder, "processor_config.json"), VisionGraphs.ProcessorConfig);
        }
        TokenizerFiles.Write(folder);
        File.WriteAllText(Path.Combine(folder, "genai_config.json"), GenAiConfig(spec).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    static void WriteGraph(string folder, string file, Onnx.ModelProto graph)
    {
        var temporary = Path.Combine(folder, file + ".partial");
        using (var stream = File.Create(temporary))
            graph.WriteTo(stream);
        File.Move(temporary, Path.Combine(folder, file), overwrite: true);
    }

    static JsonObject GenAiConfig(TestModelSpec spec)
    {
        var sessionOptions = new JsonObject { ["log_id"] = "onnxruntime-genai", ["provider_options"] = new JsonArray() };
        if (spec.IntraOpThreads > 0)
            sessionOptions["intra_op_num_threads"] = spec.IntraOpThreads;
        var config = new JsonObject
        {
            ["model"] = new JsonObject
            {
                ["bos_token_id"] = ByteLevelVocabulary.IdOf(ByteLevelVocabulary.BeginOfText),
                ["eos_token_id"] = new JsonArray(ByteLevelVocabulary.IdOf(ByteLevelVocabulary.EndOfTurn), ByteLevelVocabulary.IdOf(ByteLevelVocabulary.EndOfText)),
                ["pad_token_id"] = ByteLevelVocabulary.IdOf(ByteLevelVocabulary.EndOfText),
                ["context_length"] = spec.ContextLength,
                ["type"] = spec.Vision ? "phi3v" : "llama",
                ["vocab_size"] = ByteLevelVocabulary.Size,
                ["decoder"] = new JsonObject
                {
                    ["session_options"] = sessionOptions,
                    ["filename"] = "model.onnx",
                    ["head_size"] = spec.HeadSize,
                    ["hidden_size"] = spec.HiddenSize,
                    ["num_attention_heads"] = spec.Heads,
                    ["num_key_value_heads"] = spec.Heads,
                    ["num_hidden_layers"] = spec.Layers,
                    ["inputs"] = new JsonObject
                    {
                        ["input_ids"] = "input_ids",
                        ["attention_mask"] = "attention_mask",
                        ["past_key_names"] = "past_key_values.%d.key",
                        ["past_value_names"] = "past_key_values.%d.value",
                    },
                    ["outputs"] = new JsonObject
                    {
                        ["logits"] = "logits",
                        ["present_key_names"] = "present.%d.key",
                        ["present_value_names"] = "present.%d.value",
                    },
                },
            },
            ["search"] = new JsonObject
            {
                ["do_sample"] = true,
                ["max_length"] = spec.ContextLength,
                ["temperature"] = 1.0,
                ["top_k"] = 50,
                ["top_p"] = 0.95,
                ["repetition_penalty"] = 1.0,
                ["num_beams"] = 1,
                ["num_return_sequences"] = 1,
                ["past_present_share_buffer"] = false,
            },
        };
        if (spec.Vision)
        {
            var model = config["model"]!.AsObject();
            var decoder = model["decoder"]!.AsObject();
            var inputs = decoder["inputs"]!.AsObject();
            inputs.Remove("input_ids");
            inputs["inputs_embeds"] = "inputs_embeds";
            model["vision"] = new JsonObject
            {
                ["filename"] = "vision.onnx",
                ["config_filename"] = "processor_config.json",
                ["session_options"] = sessionOptions.DeepClone(),
                ["inputs"] = new JsonObject { ["pixel_values"] = "pixel_values", ["image_sizes"] = "image_sizes" },
                ["outputs"] = new JsonObject { ["image_features"] = "image_features" },
            };
            model["embedding"] = new JsonObject
            {
                ["filename"] = "embedding.onnx",
                ["session_options"] = sessionOptions.DeepClone(),
                ["inputs"] = new JsonObject { ["input_ids"] = "input_ids", ["image_features"] = "image_features" },
                ["outputs"] = new JsonObject { ["inputs_embeds"] = "inputs_embeds" },
            };
        }
        return config;
    }

    static string MarkerText(TestModelSpec spec) =>
        JsonSerializer.Serialize(new { format = TestModelSpec.FormatVersion, spec = spec.ToString(), randomReplies = true });
}
