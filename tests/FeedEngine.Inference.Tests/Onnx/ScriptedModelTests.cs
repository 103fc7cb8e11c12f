using FeedEngine.Inference.Onnx;
using FeedEngine.Inference.TestModels;

namespace FeedEngine.Inference.Tests.Onnx;

/// <summary>
/// A generated model with a scripted answer (<see cref="TestModelSpec.Scripted"/>): real weights, a real folder, the real
/// onnx provider, and an answer a test can rely on (a guard verdict), whatever the prompt and however it is sampled.
/// </summary>
public sealed class ScriptedModelTests : IDisposable
{
    readonly string root = Directory.CreateTempSubdirectory("feedengine-scripted-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Theory]
    [InlineData("unsafe S1", null)]
    [InlineData("safe", 0f)]
    [InlineData("Hi, Bob!", 1f)]
    public async Task Scripted_answersItsTextToAnyPrompt_streamingOrNot(string answer, float? temperature)
    {
        var folder = TestModelGenerator.Ensure(Path.Combine(root, "m"), TestModelSpec.Scripted(answer));
        using var client = OnnxChatClient.Load(folder, new OnnxChatClientOptions { DefaultMaxOutputTokens = 32 });
        var options = new ChatOptions { Temperature = temperature, MaxOutputTokens = 32 };

        var whole = await client.GetResponseAsync([new(ChatRole.System, "Judge this."), new(ChatRole.User, "Anything at all: 42 \u00e9\u00e8 <|eot_id|>")], options);
        var streamed = "";
        await foreach (var update in client.GetStreamingResponseAsync([new(ChatRole.User, "Something else entirely.")], options)) streamed += update.Text;

        Assert.Equal(answer, whole.Text);
        Assert.Equal(answer, streamed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("unsafe\nS1")]
    [InlineData("aa")]
    [InlineData("caf\u00e9")]
    public void Scripted_answerTheTableCannotSpell_isRefused(string answer) =>
        Assert.Throws<ArgumentException>(() => TestModelGenerator.Ensure(Path.Combine(root, "bad"), TestModelSpec.Scripted(answer)));
}
