using FeedEngine.Inference.TestModels.Onnx;
using static FeedEngine.Inference.TestModels.OnnxGraphBuilder;

namespace FeedEngine.Inference.TestModels;

/// <summary>
/// Stand-ins for the three networks of a Stable Diffusion ONNX export, with their real input and output names,
/// element types and ranks, and random weights: the pipeline runs them exactly as it runs SD-Turbo's (the picture is noise).
/// <list type="bullet">
/// <item><c>text_encoder</c>: <c>input_ids</c> int32 [batch, sequence] to <c>last_hidden_state</c> [batch, sequence, hidden] and <c>pooler_output</c> [batch, hidden].</item>
/// <item><c>unet</c>: <c>sample</c> [batch, 4, h, w], <c>timestep</c> int64 [batch], <c>encoder_hidden_states</c> [batch, sequence, hidden] to <c>out_sample</c> [batch, 4, h, w].</item>
/// <item><c>vae_decoder</c>: <c>latent_sample</c> [batch, 4, h, w] to <c>sample</c> [batch, 3, 8h, 8w].</item>
/// </list>
/// </summary>
internal static class DiffusionGraphs
{
    public const int LatentChannels = 4;
    public const int MaxTokens = 77;

    public static ModelProto TextEncoder(DiffusionTestModelSpec spec, int vocabularySize)
    {
        var random = new Random(spec.Seed * 31 + 1);
        var hidden = spec.TextHidden;
        var g = new OnnxGraphBuilder("text_encoder");
        var ids = g.Input("input_ids", Int32Type, "batch", "sequence");

        var tokens = g.Node("Gather", [g.Weights("token_embedding", DecoderGraph.Gaussian(random, vocabularySize * hidden, 1f), vocabularySize, hidden), ids], Int("axis", 0));
        var length = g.Node("Slice", [g.Node("Shape", [ids]), g.Int64Constant("dim1_start", 1), g.Int64Constant("dim1_end", 2)]);
        var positions = g.Node("Slice", [g.Weights("position_embedding", DecoderGraph.Gaussian(random, MaxTokens * hidden, 0.1f), MaxTokens, hidden),
            g.Int64Constant("position_start", 0), length, g.Int64Constant("position_axis", 0)]);
        var x = g.Node("Add", [tokens, positions]);
        var mlp = g.Node("Tanh", [g.Node("MatMul", [Norm(g, x, hidden, "layer_norm"), g.Weights("mlp", DecoderGraph.Gaussian(random, hidden * hidden, 1f / MathF.Sqrt(hidden)), hidden, hidden)])]);
        x = g.Node("Add", [x, mlp]);
        var last = g.NodeWithOutput("LayerNormalization", [x, Ones(g, hidden, "final_norm.weight"), g.Weights("final_norm.bias", new float[hidden], hidden)], "last_hidden_state",
            Int("axis", -1), FloatAttr("epsilon", 1e-5f));
        g.NodeWithOutput("ReduceMean", [last], "pooler_output", Ints("axes", 1), Int("keepdims", 0));

        g.Output("last_hidden_state", FloatType, "batch", "sequence", hidden);
        g.Output("pooler_output", FloatType, "batch", hidden);
        return g.ToModel("FeedEngine.TestModels", Metadata(spec, "text_encoder"));
    }

    public static ModelProto UNet(DiffusionTestModelSpec spec)
    {
        var random = new Random(spec.Seed * 31 + 2);
        int channels = spec.UNetChannels, hidden = spec.TextHidden;
        var g = new OnnxGraphBuilder("unet");
        var sample = g.Input("sample", FloatType, "batch", LatentChannels, "height", "width");
        var timestep = g.Input("timestep", Int64Type, "batch");
        var context = g.Input("encoder_hidden_states", FloatType, "batch", "sequence", hidden);
        var toImage = g.Int64Constant("to_image_axes", 2, 3);

        var h = Conv(g, random, sample, LatentChannels, channels, "conv_in");
        var time = g.Node("Mul", [g.Node("Unsqueeze", [g.Node("Cast", [timestep], Int("to", FloatType)), g.Int64Constant("time_axis", 1)]), g.ScalarFloat("time_scale", 1f / 1000f)]);
        var timeEmbedding = g.Node("Sin", [g.Node("MatMul", [time, g.Weights("time_embedding", DecoderGraph.Gaussian(random, channels, 3f), 1, channels)])]);
        var pooled = g.Node("ReduceMean", [context], Ints("axes", 1), Int("keepdims", 0));
        var textEmbedding = g.Node("MatMul", [pooled, g.Weights("text_projection", DecoderGraph.Gaussian(random, hidden * channels, 1f / MathF.Sqrt(hidden)), hidden, channels)]);
        h = g.Node("Add", [h, g.Node("Unsqueeze", [timeEmbedding, toImage])]);
        h = g.Node("Add", [h, g.Node("Unsqueeze", [textEmbedding, toImage])]);
        h = g.Node("Mul", [h, g.Node("Sigmoid", [h])]);
        var predicted = Conv(g, random, h, channels, LatentChannels, "conv_out");
        // Near the noise it was given (a denoiser predicting epsilon), plus a seeded, prompt-dependent deviation.
        g.NodeWithOutput("Add", [sample, g.Node("Mul", [predicted, g.ScalarFloat("deviation", 0.1f)])], "out_sample");

        g.Output("out_sample", FloatType, "batch", LatentChannels, "height", "width");
        return g.ToModel("FeedEngine.TestModels", Metadata(spec, "unet"));
    }

    public static ModelProto VaeDecoder(DiffusionTestModelSpec spec)
    {
        var random = new Random(spec.Seed * 31 + 3);
        var channels = spec.VaeChannels;
        var g = new OnnxGraphBuilder("vae_decoder");
        var latent = g.Input("latent_sample", FloatType, "batch", LatentChannels, "latent_height", "latent_width");

        var h = g.Node("Tanh", [Conv(g, random, latent, LatentChannels, channels, "conv_in", std: 0.05f)]);
        h = g.Node("Resize", [h, "", g.Weights("upsample", [1f, 1f, 8f, 8f], 4)]);
        g.NodeWithOutput("Tanh", [Conv(g, random, h, channels, 3, "conv_out")], "sample");

        g.Output("sample", FloatType, "batch", 3, "height", "width");
        return g.ToModel("FeedEngine.TestModels", Metadata(spec, "vae_decoder"));
    }

    static string Conv(OnnxGraphBuilder g, Random random, string input, int inChannels, int outChannels, string name, float? std = null)
    {
        var fanIn = inChannels * 9;
        var weights = g.Weights($"{name}.weight", DecoderGraph.Gaussian(random, outChannels * fanIn, std ?? 1f / MathF.Sqrt(fanIn)), outChannels, inChannels, 3, 3);
        var bias = g.Weights($"{name}.bias", new float[outChannels], outChannels);
        return g.Node("Conv", [input, weights, bias], Ints("kernel_shape", 3, 3), Ints("pads", 1, 1, 1, 1));
    }

    static string Norm(OnnxGraphBuilder g, string x, int hidden, string name) =>
        g.Node("LayerNormalization", [x, Ones(g, hidden, $"{name}.weight"), g.Weights($"{name}.bias", new float[hidden], hidden)], Int("axis", -1), FloatAttr("epsilon", 1e-5f));

    static string Ones(OnnxGraphBuilder g, int count, string name) => g.Weights(name, Enumerable.Repeat(1f, count).ToArray(), count);

    static Dictionary<string, string> Metadata(DiffusionTestModelSpec spec, string part) => new()
    {
        ["feedengine.test_model"] = "true",
        ["feedengine.spec"] = spec.ToString(),
        ["feedengine.part"] = part,
    };
}
