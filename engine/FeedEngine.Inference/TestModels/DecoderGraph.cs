using FeedEngine.Inference.TestModels.Onnx;
using static FeedEngine.Inference.TestModels.OnnxGraphBuilder;

namespace FeedEngine.Inference.TestModels;

/// <summary>
/// A small pre-norm transformer decoder with the inputs and outputs ONNX Runtime GenAI expects of a Llama export:
/// <c>input_ids</c>, <c>attention_mask</c>, <c>past_key_values.{i}.key|value</c> in; <c>logits</c>, <c>present.{i}.key|value</c> out.
/// Random weights; a logits bias keeps special tokens and unprintable bytes out of the replies.
/// </summary>
internal static class DecoderGraph
{
    /// <param name="takesEmbeddings">True for the text part of a vision model: it reads <c>inputs_embeds</c> (made by the embedding graph) instead of <c>input_ids</c>.</param>
    public static ModelProto Build(TestModelSpec spec, bool takesEmbeddings = false)
    {
        var random = new Random(spec.Seed);
        var vocab = ByteLevelVocabulary.Size;
        int hidden = spec.HiddenSize, heads = spec.Heads, headSize = spec.HeadSize;
        var g = new OnnxGraphBuilder(spec.Name);

        var inputIds = takesEmbeddings
            ? g.Input("inputs_embeds", FloatType, "batch_size", "sequence_length", hidden)
            : g.Input("input_ids", Int64Type, "batch_size", "sequence_length");
        var attentionMask = g.Input("attention_mask", Int64Type, "batch_size", "total_sequence_length");
        for (var layer = 0; layer < spec.Layers; layer++)
        {
            g.Input($"past_key_values.{layer}.key", FloatType, "batch_size", heads, "past_sequence_length", headSize);
            g.Input($"past_key_values.{layer}.value", FloatType, "batch_size", heads, "past_sequence_length", headSize);
        }

        var splitHeads = g.Int64Constant("split_heads_shape", 0, 0, heads, headSize);
        var mergeHeads = g.Int64Constant("merge_heads_shape", 0, 0, hidden);
        var scale = g.ScalarFloat("attention_scale", 1f / MathF.Sqrt(headSize));
        var negative = g.ScalarFloat("mask_value", -10000f);
        var one = g.ScalarFloat("one", 1f);

        // Additive mask [batch, 1, seq, total]: padding from attention_mask, the future from a triangle.
        var maskFloat = g.Node("Cast", [attentionMask], Int("to", FloatType));
        var padding = g.Node("Mul", [g.Node("Sub", [one, maskFloat]), negative]);
        var padding4 = g.Node("Unsqueeze", [padding, g.Int64Constant("mask_axes", 1, 2)]);
        var seqLen = g.Node("Slice", [g.Node("Shape", [inputIds]), g.Int64Constant("dim1_start", 1), g.Int64Constant("dim1_end", 2)]);
        var totalLen = g.Node("Slice", [g.Node("Shape", [attentionMask]), g.Int64Constant("dim1_start_mask", 1), g.Int64Constant("dim1_end_mask", 2)]);
        var ones = g.Node("ConstantOfShape", [g.Node("Concat", [seqLen, totalLen], Int("axis", 0))],
            TensorAttr("value", new TensorProto { DataType = FloatType, Dims = { 1 }, RawData = Google.Protobuf.ByteString.CopyFrom(BitConverter.GetBytes(1f)) }));
        var diagonal = g.Node("Add", [g.Node("Sub", [totalLen, seqLen]), g.ScalarInt64("one_int", 1)]);
        var future = g.Node("Trilu", [ones, g.Node("Squeeze", [diagonal])], Int("upper", 1));
        var mask = g.Node("Add", [padding4, g.Node("Mul", [future, negative])]);

        var embeddings = Gaussian(random, vocab * hidden, 1f);
        var x = takesEmbeddings ? inputIds : g.Node("Gather", [g.Weights("embed_tokens", embeddings, vocab, hidden), inputIds], Int("axis", 0));
        var weightScale = 1f / MathF.Sqrt(hidden);
        for (var layer = 0; layer < spec.Layers; layer++)
        {
            var p = $"layers.{layer}";
            var normed = Norm(g, x, hidden, $"{p}.attn_norm");
            string Heads(string name) =>
                g.Node("Transpose", [g.Node("Reshape", [g.Node("MatMul", [normed, g.Weights($"{p}.{name}", Gaussian(random, hidden * hidden, weightScale), hidden, hidden)]), splitHeads])], Ints("perm", 0, 2, 1, 3));
            var q = Heads("q_proj");
            var key = g.NodeWithOutput("Concat", [$"past_key_values.{layer}.key", Heads("k_proj")], $"present.{layer}.key", Int("axis", 2));
            var value = g.NodeWithOutput("Concat", [$"past_key_values.{layer}.value", Heads("v_proj")], $"present.{layer}.value", Int("axis", 2));
            var scores = g.Node("Mul", [g.Node("MatMul", [q, g.Node("Transpose", [key], Ints("perm", 0, 1, 3, 2))]), scale]);
            var probs = g.Node("Softmax", [g.Node("Add", [scores, mask])], Int("axis", -1));
            var attended = g.Node("Reshape", [g.Node("Transpose", [g.Node("MatMul", [probs, value])], Ints("perm", 0, 2, 1, 3)), mergeHeads]);
            x = g.Node("Add", [x, g.Node("MatMul", [attended, g.Weights($"{p}.o_proj", Gaussian(random, hidden * hidden, weightScale), hidden, hidden)])]);

            var mlpIn = Norm(g, x, hidden, $"{p}.mlp_norm");
            var up = g.Node("Relu", [g.Node("MatMul", [mlpIn, g.Weights($"{p}.up_proj", Gaussian(random, hidden * spec.MlpSize, weightScale), hidden, spec.MlpSize)])]);
            x = g.Node("Add", [x, g.Node("MatMul", [up, g.Weights($"{p}.down_proj", Gaussian(random, spec.MlpSize * hidden, 1f / MathF.Sqrt(spec.MlpSize)), spec.MlpSize, hidden)])]);
        }

        var final = Norm(g, x, hidden, "final_norm");
        var lmHead = g.Weights("lm_head", Gaussian(random, hidden * vocab, weightScale), hidden, vocab);
        var bias = g.Weights("logits_bias", spec.Unbiased ? new float[vocab] : LogitsBias(), vocab);
        if (spec.ScriptedAnswer is { } answer)
        {
            var next = g.Node("Gather", [g.Weights("scripted_next", ScriptedNext(answer), vocab, vocab), inputIds], Int("axis", 0));
            g.NodeWithOutput("Add", [g.Node("Add", [g.Node("MatMul", [final, lmHead]), bias]), next], "logits");
        }
        else
        {
            g.NodeWithOutput("Add", [g.Node("MatMul", [final, lmHead]), bias], "logits");
        }

        g.Output("logits", FloatType, "batch_size", "sequence_length", vocab);
        for (var layer = 0; layer < spec.Layers; layer++)
        {
            g.Output($"present.{layer}.key", FloatType, "batch_size", heads, "total_sequence_length", headSize);
            g.Output($"present.{layer}.value", FloatType, "batch_size", heads, "total_sequence_length", headSize);
        }
        return g.ToModel("FeedEngine.TestModels", new Dictionary<string, string>
        {
            ["feedengine.test_model"] = "true",
            ["feedengine.spec"] = spec.ToString(),
        });
    }

    static string Norm(OnnxGraphBuilder g, string x, int hidden, string name) =>
        g.Node("LayerNormalization", [x, g.Weights($"{name}.weight", Enumerable.Repeat(1f, hidden).ToArray(), hidden), g.Weights($"{name}.bias", new float[hidden], hidden)],
            Int("axis", -1), FloatAttr("epsilon", 1e-5f));

    /// <summary>Favours letters and spaces, forbids special tokens and bytes that are not printable ASCII.</summary>
    static float[] LogitsBias()
    {
        var bias = new float[ByteLevelVocabulary.Size];
        for (var id = 0; id < bias.Length; id++)
        {
            bias[id] = id switch
            {
                >= 256 when id >= ByteLevelVocabulary.FirstSpecialId => -100f,
                >= 256 => 1.5f,
                ' ' => 2.5f,
                >= 'a' and <= 'z' => 2f,
                >= 'A' and <= 'Z' => 0.5f,
                '.' or ',' or '!' or '?' => 0.5f,
                >= '0' and <= '9' => 0f,
                > ' ' and < 127 => -1f,
                _ => -100f,
            };
        }
        return bias;
    }

    /// <summary>
    /// A [vocab, vocab] table added to the logits by input token: after a newline (the end of the chat template's
    /// assistant header) the answer's first character, after each character the next, after the last one end of turn.
    /// </summary>
    static float[] ScriptedNext(string answer)
    {
        const float certain = 1000f;
        var vocab = ByteLevelVocabulary.Size;
        var table = new float[vocab * vocab];
        var previous = (int)'\n';
        foreach (var c in answer)
        {
            table[previous * vocab + c] = certain;
            previous = c;
        }
        table[previous * vocab + ByteLevelVocabulary.IdOf(ByteLevelVocabulary.EndOfTurn)] = certain;
        return table;
    }

    internal static float[] Gaussian(Random random, int count, float std)
    {
        var values = new float[count];
        for (var i = 0; i < count; i += 2)
        {
            var u1 = 1.0 - random.NextDouble();
            var u2 = random.NextDouble();
            var radius = Math.Sqrt(-2.0 * Math.Log(u1));
            values[i] = (float)(radius * Math.Cos(2 * Math.PI * u2) * std);
            if (i + 1 < count)
                values[i + 1] = (float)(radius * Math.Sin(2 * Math.PI * u2) * std);
        }
        return values;
    }
}
