using FeedEngine.Inference.Onnx;
using FeedEngine.Inference.Tests.TestModels;

namespace FeedEngine.Inference.Tests.Onnx;

[Collection(TinyModelCollection.Name)]
public sealed class OnnxChatClientTests(TinyModelFixture model)
{
    static readonly ChatMessage[] Hello = [new(ChatRole.System, "You are a pirate."), new(ChatRole.User, "Hello there!")];

    static ChatOptions Greedy(int maxTokens) => new() { Temperature = 0, MaxOutputTokens = maxTokens };

    [Fact]
    public async Task GetStreamingResponseAsync_generated_model_streams_tokens_then_usage()
    {
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in model.Client.GetStreamingResponseAsync(Hello, Greedy(24)))
            updates.Add(update);

        var textUpdates = updates.Where(u => u.Text.Length > 0).ToList();
        Assert.True(textUpdates.Count >= 10, $"expected a stream of pieces, got {textUpdates.Count}");
        Assert.All(updates, u => Assert.Equal(ChatRole.Assistant, u.Role));
        Assert.Single(updates.Select(u => u.ResponseId).Distinct());
        var last = updates[^1];
        Assert.Equal(ChatFinishReason.Length, last.FinishReason);
        var usage = Assert.Single(last.Contents.OfType<UsageContent>()).Details;
        Assert.Equal(24, usage.OutputTokenCount);
        Assert.True(usage.InputTokenCount > 10, "the chat template and both messages are in the prompt");
        Assert.False(string.IsNullOrWhiteSpace(string.Concat(textUpdates.Select(u => u.Text))));
    }

    [Fact]
    public async Task GetResponseAsync_greedy_is_repeatable_and_seeded_sampling_is_repeatable()
    {
        var first = await model.Client.GetResponseAsync(Hello, Greedy(16));
        var second = await model.Client.GetResponseAsync(Hello, Greedy(16));
        Assert.Equal(first.Text, second.Text);

        var seeded = new ChatOptions { Temperature = 1.2f, TopP = 0.9f, Seed = 42, MaxOutputTokens = 16 };
        var a = await model.Client.GetResponseAsync(Hello, seeded);
        var b = await model.Client.GetResponseAsync(Hello, seeded.Clone());
        Assert.Equal(a.Text, b.Text);
        Assert.Equal(16, a.Usage?.OutputTokenCount);
    }

    [Fact]
    public async Task GetResponseAsync_stop_sequence_ends_reply_before_it()
    {
        var full = (await model.Client.GetResponseAsync(Hello, Greedy(32))).Text;
        Assert.True(full.Length > 12, full);
        var stop = full.Substring(8, 3);
        var expected = full[..full.IndexOf(stop, StringComparison.Ordinal)];

        var options = Greedy(32);
        options.StopSequences = [stop];
        var stopped = await model.Client.GetResponseAsync(Hello, options);

        Assert.Equal(expected, stopped.Text);
        Assert.Equal(ChatFinishReason.Stop, stopped.FinishReason);
        Assert.DoesNotContain(stop, stopped.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_cancelled_stops_within_one_token_and_disposes_generator()
    {
        using var client = OnnxChatClient.Load(model.Folder);
        using var cancel = new CancellationTokenSource();
        var received = 0;
        long tokensAtCancel = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync(Hello, Greedy(4000), cancel.Token))
            {
                received++;
                if (received == 3)
                {
                    Assert.Equal(1, client.LiveGenerators);
                    cancel.Cancel();
                    tokensAtCancel = client.TokensGenerated;
                }
            }
        });

        Assert.Equal(3, received);
        Assert.Equal(0, client.LiveGenerators);
        Assert.InRange(client.TokensGenerated - tokensAtCancel, 0, 1);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_reader_that_stops_reading_ends_generation()
    {
        using var client = OnnxChatClient.Load(model.Folder);
        await foreach (var update in client.GetStreamingResponseAsync(Hello, Greedy(4000)))
        {
            if (update.Text.Length > 0)
                break;
        }

        Assert.Equal(0, client.LiveGenerators);
        var generated = client.TokensGenerated;
        Assert.True(generated < 4000, $"generated {generated} tokens for a reader that left after one");
        await Task.Yield();
        Assert.Equal(generated, client.TokensGenerated);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_two_conversations_at_once_both_finish()
    {
        var one = model.Client.GetResponseAsync(Hello, Greedy(20));
        var two = model.Client.GetResponseAsync([new(ChatRole.User, "Tell me a story")], Greedy(20));
        var results = await Task.WhenAll(one, two);
        Assert.All(results, r => Assert.Equal(20, r.Usage?.OutputTokenCount));
        Assert.Equal((await model.Client.GetResponseAsync(Hello, Greedy(20))).Text, results[0].Text);
    }

    [Fact]
    public async Task GetResponseAsync_image_to_text_only_model_is_a_clear_error()
    {
        var withImage = new ChatMessage(ChatRole.User, [new TextContent("What is this?"), new DataContent(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, "image/png")]);

        var error = await Assert.ThrowsAsync<NotSupportedException>(() => model.Client.GetResponseAsync([withImage]));

        Assert.Contains("text only", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, model.Client.LiveGenerators);
    }

    [Fact]
    public async Task GetResponseAsync_prompt_longer_than_context_is_rejected()
    {
        var huge = new string('x', 2 * 4096);
        var error = await Assert.ThrowsAsync<ArgumentException>(() => model.Client.GetResponseAsync([new(ChatRole.User, huge)]));
        Assert.Contains("Shorten the conversation", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public async Task GetResponseAsync_non_positive_max_tokens_is_rejected(int maxTokens)
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => model.Client.GetResponseAsync(Hello, new ChatOptions { MaxOutputTokens = maxTokens }));
    }

    [Fact]
    public void GetService_reports_provider_metadata()
    {
        var metadata = model.Client.GetService<ChatClientMetadata>();
        Assert.Equal("onnx", metadata?.ProviderName);
        Assert.Equal("tiny", metadata?.DefaultModelId);
        Assert.True(model.Client.Folder.IsTestModel);
        Assert.False(model.Client.Folder.IsVision);
    }
}
