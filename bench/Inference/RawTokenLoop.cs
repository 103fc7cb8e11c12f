using System.Diagnostics;
using System.Text.Json;
using FeedEngine.Inference.Onnx;
using Microsoft.Extensions.AI;
using Microsoft.ML.OnnxRuntimeGenAI;

namespace FeedEngine.Bench.Inference;

/// <summary>The baseline: ONNX Runtime GenAI's own loop, on the caller's thread, decoding each token as the provider does.</summary>
/// <remarks>It runs on the provider's own model and tokenizer, so both paths read the same weights (and caches).</remarks>
internal sealed class RawTokenLoop(OnnxChatClient client)
{
    readonly Model model = client.NativeModel;
    readonly Tokenizer tokenizer = client.NativeTokenizer;

    /// <summary>One generation: (tokens per second, milliseconds to the first decoded piece).</summary>
    public (double TokensPerSecond, double FirstTokenMs) Run(IReadOnlyList<ChatMessage> prompt, int tokens)
    {
        var messages = JsonSerializer.Serialize(prompt.Select(m => new { role = m.Role.Value, content = m.Text }));
        {
            var watch = Stopwatch.StartNew();
            var text = tokenizer.ApplyChatTemplate(null, messages, null, true);
            using var sequences = tokenizer.Encode(text);
            using var parameters = new GeneratorParams(model);
            parameters.SetSearchOption("max_length", sequences[0].Length + tokens);
            parameters.SetSearchOption("do_sample", false);
            using var generator = new Generator(model, parameters);
            generator.AppendTokenSequences(sequences);
            using var stream = tokenizer.CreateStream();
            double? first = null;
            var generated = 0;
            while (!generator.IsDone() && generated < tokens)
            {
                generator.GenerateNextToken();
                generated++;
                if (stream.Decode(generator.GetNextTokens()[0]).Length > 0)
                    first ??= watch.Elapsed.TotalMilliseconds;
            }
            return (generated / watch.Elapsed.TotalSeconds, first ?? double.NaN);
        }
    }
}
