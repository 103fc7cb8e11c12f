using FeedEngine.Inference.TestModels.Onnx;
using static FeedEngine.Inference.TestModels.OnnxGraphBuilder;

namespace FeedEngine.Inference.TestModels;

/// <summary>
/// The two extra graphs of a Phi-3-vision style model (<c>phi3v</c>): a vision graph that turns the processor's
/// <c>pixel_values</c> and <c>image_sizes</c> into one feature row per image token, and an embedding graph that puts
/// those rows where the prompt's image placeholders (negative ids) are and token embeddings everywhere else.
/// </summary>
internal static class VisionGraphs
{
    /// <summary>Phi-3-vision's image tokens per crop and per row separator.</summary>
    const long TokensPerCrop = 144;
    const long TokensPerRow = 12;
    const long CropSize = 336;

    public static ModelProto BuildVision(TestModelSpec spec)
    {
        var random = new Random(spec.Seed + 1);
        var hidden = spec.HiddenSize;
        var g = new OnnxGraphBuilder(spec.Name + "-vision");
        var pixels = g.Input("pixel_values", FloatType, "num_images", "max_num_crops", 3, CropSize, CropSize);
        var sizes = g.Input("image_sizes", Int64Type, "num_images", 2);

        // Per image (h, w in pixels, multiples of 336): (h/336 * w/336 + 1) * 144 + 1 + (h/336 + 1) * 12 tokens.
        var crop = g.ScalarInt64("crop_size", CropSize);
        var rows = g.Node("Div", [g.Node("Gather", [sizes, g.ScalarInt64("height_index", 0)], Int("axis", 1)), crop]);
        var columns = g.Node("Div", [g.Node("Gather", [sizes, g.ScalarInt64("width_index", 1)], Int("axis", 1)), crop]);
        var one = g.ScalarInt64("one", 1);
        var crops = g.Node("Mul", [g.Node("Add", [g.Node("Mul", [rows, columns]), one]), g.ScalarInt64("per_crop", TokensPerCrop)]);
        var separators = g.Node("Mul", [g.Node("Add", [rows, one]), g.ScalarInt64("per_row", TokensPerRow)]);
        var perImage = g.Node("Add", [g.Node("Add", [crops, one]), separators]);
        var total = g.Node("ReduceSum", [perImage, g.Int64Constant("all_images", 0)], Int("keepdims", 1));

        // Every feature row: the mean pixel of all images times a random direction (random weights, real shapes).
        var mean = g.Node("ReduceMean", [pixels], Int("keepdims", 0));
        var direction = g.Weights("image_direction", DecoderGraph.Gaussian(random, hidden, 1f), hidden);
        var bias = g.Weights("image_bias", DecoderGraph.Gaussian(random, hidden, 0.5f), hidden);
        var row = g.Node("Add", [g.Node("Mul", [direction, mean]), bias]);
        var shape = g.Node("Concat", [total, g.Int64Constant("hidden_dim", hidden)], Int("axis", 0));
        g.NodeWithOutput("Expand", [row, shape], "image_features");
        g.Output("image_features", FloatType, "num_image_tokens", hidden);
        return g.ToModel("FeedEngine.TestModels", new Dictionary<string, string> { ["feedengine.test_model"] = "true" });
    }

    public static ModelProto BuildEmbedding(TestModelSpec spec)
    {
        var random = new Random(spec.Seed + 2);
        var hidden = spec.HiddenSize;
        var vocab = ByteLevelVocabulary.Size;
        var g = new OnnxGraphBuilder(spec.Name + "-embedding");
        var ids = g.Input("input_ids", Int64Type, "batch_size", "sequence_length");
        var features = g.Input("image_features", FloatType, "num_image_tokens", hidden);

        var zero = g.ScalarInt64("zero", 0);
        var isImage = g.Node("Less", [ids, zero]);
        var text = g.Node("Gather", [g.Weights("embed_tokens", DecoderGraph.Gaussian(random, vocab * hidden, 1f), vocab, hidden), g.Node("Max", [ids, zero])], Int("axis", 0));
        // The n-th image position takes feature row n; text positions take the zero row prepended here.
        var imageFlags = g.Node("Cast", [isImage], Int("to", Int64Type));
        var rowIndex = g.Node("Mul", [g.Node("CumSum", [imageFlags, g.ScalarInt64("sequence_axis", 1)]), imageFlags]);
        var padded = g.Node("Concat", [g.Weights("no_image", new float[hidden], 1, hidden), features], Int("axis", 0));
        var image = g.Node("Gather", [padded, rowIndex], Int("axis", 0));
        g.NodeWithOutput("Where", [g.Node("Unsqueeze", [isImage, g.Int64Constant("last_axis", -1)]), image, text], "inputs_embeds");
        g.Output("inputs_embeds", FloatType, "batch_size", "sequence_length", hidden);
        return g.ToModel("FeedEngine.TestModels", new Dictionary<string, string> { ["feedengine.test_model"] = "true" });
    }

    /// <summary>ONNX Runtime Extensions' image pipeline for Phi-3-vision: decode, RGB, HD transform (336 px crops).</summary>
    public const string ProcessorConfig = """
        {
          "processor": {
            "name": "image_processing",
            "transforms": [
              { "operation": { "name": "decode_image", "type": "DecodeImage", "attrs": { "color_space": "BGR" } } },
              { "operation": { "name": "convert_to_rgb", "type": "ConvertRGB" } },
              { "operation": { "name": "phi3_image_transform", "type": "Phi3ImageTransform", "attrs": { "num_crops": 4, "num_img_tokens": 144 } } }
            ]
          }
        }
        """;
}
