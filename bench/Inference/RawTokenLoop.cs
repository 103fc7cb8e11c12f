using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.ML.OnnxRuntimeGenAI;

namespace FeedEngine.Bench.Inference;

/// <summary>The baseline: ONNX Runtime GenAI's own loop, on the caller's thread, decoding each token as the provider does.</summary>
internal sealed class RawTokenLoop(string folder) : IDisposable
{
    readonly Model model = new(folder);
    Tokenizer? tokenizer;

    /// <summary>One generation: (tokens per second, milliseconds to the first decoded piece).</summary>
    public (double TokensPerSecond, double FirstTokenMs) Run(IReadOnlyList<ChatMessage> prompt, int tokens)
    {
        tokenizer ??= new Tokenizer(model);
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

    public void Dispose()
    {
        tokenizer?.Dispose();
        model.Dispose();
    }
}
