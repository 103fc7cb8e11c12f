using System.Text;
using FeedEngine.Inference.Onnx;
using FeedEngine.Inference.TestModels;

namespace FeedEngine.Inference.Tests.Onnx;

/// <summary>A model that emits anything: special tokens, control bytes, half UTF-8 sequences.</summary>
public sealed class HostileModelOutputTests : IDisposable
{
    readonly string folder = TestModelGenerator.Ensure(Directory.CreateTempSubdirectory("feedengine-hostile-").FullName, TestModelSpec.Hostile);

    [Fact]
    public async Task GetStreamingResponseAsync_unprintable_and_broken_output_streams_as_valid_text()
    {
        using var client = OnnxChatClient.Load(folder);
        for (var seed = 1; seed <= 5; seed++)
        {
            var options = new ChatOptions { Temperature = 2f, TopK = 400, Seed = seed, MaxOutputTokens = 300 };
            var updates = await client.GetStreamingResponseAsync([new(ChatRole.User, "Say anything.")], options).ToListAsync();

            var text = string.Concat(updates.Select(u => u.Text));
            Assert.True(IsWellFormed(text), "the reply must be valid UTF-16 text");
            var last = updates[^1];
            Assert.NotNull(last.FinishReason);
            var usage = last.Contents.OfType<UsageContent>().Single().Details;
            Assert.InRange(usage.OutputTokenCount ?? 0, 1, 300);
            Assert.DoesNotContain("<|eot_id|>", text, StringComparison.Ordinal);
        }
        Assert.Equal(0, client.LiveGenerators);
    }

    static bool IsWellFormed(string text)
    {
        var span = text.AsSpan();
        while (!span.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(span, out _, out var consumed) != System.Buffers.OperationStatus.Done)
                return false;
            span = span[consumed..];
        }
        return true;
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
