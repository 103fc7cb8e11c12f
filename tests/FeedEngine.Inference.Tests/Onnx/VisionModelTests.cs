using FeedEngine.Inference.Onnx;
using FeedEngine.Inference.TestModels;
using FeedEngine.Inference.Tests.TestModels;

namespace FeedEngine.Inference.Tests.Onnx;

/// <summary>A generated phi3v model: images go through GenAI's MultiModalProcessor and the vision and embedding graphs.</summary>
public sealed class VisionModelTests : IDisposable
{
    readonly string folder = TestModelGenerator.Ensure(Directory.CreateTempSubdirectory("feedengine-vision-").FullName, TestModelSpec.TinyVision);

    [Fact]
    public async Task GetStreamingResponseAsync_image_streams_a_reply_from_the_vision_model()
    {
        using var client = OnnxChatClient.Load(folder);
        Assert.True(client.Folder.IsVision);
        var message = new ChatMessage(ChatRole.User, [new TextContent("What is in this picture?"), new DataContent(TestImages.Png(64, 48), "image/png")]);

        var updates = await client.GetStreamingResponseAsync([message], new ChatOptions { Temperature = 0, MaxOutputTokens = 12 }).ToListAsync();

        Assert.Contains(updates, u => u.Text.Length > 0);
        var usage = updates[^1].Contents.OfType<UsageContent>().Single().Details;
        Assert.Equal(12, usage.OutputTokenCount);
        Assert.True(usage.InputTokenCount > 144, $"the image placeholder expands to image tokens; prompt had {usage.InputTokenCount}");
        Assert.Equal(0, client.LiveGenerators);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_webp_as_uploads_are_stored_streams_a_reply()
    {
        using var client = OnnxChatClient.Load(folder);
        var message = new ChatMessage(ChatRole.User, [new TextContent("What is in this picture?"), new DataContent(TestImages.Webp(50, 40), "image/webp")]);

        var response = await client.GetResponseAsync([message], new ChatOptions { Temperature = 0, MaxOutputTokens = 4 });

        Assert.Equal(4, response.Usage?.OutputTokenCount);
        Assert.True(response.Usage?.InputTokenCount > 144, $"the image expands to image tokens; prompt had {response.Usage?.InputTokenCount}");
    }

    [Fact]
    public async Task GetStreamingResponseAsync_two_images_of_different_sizes_stream_a_reply()
    {
        using var client = OnnxChatClient.Load(folder);
        var message = new ChatMessage(ChatRole.User,
        [
            new TextContent("Compare these."),
            new DataContent(TestImages.Png(40, 40), "image/png"),
            new DataContent(TestImages.Png(700, 300), "image/png"),
        ]);

        var response = await client.GetResponseAsync([message], new ChatOptions { Temperature = 0, MaxOutputTokens = 6 });

        Assert.Equal(6, response.Usage?.OutputTokenCount);
        Assert.True(response.Usage?.InputTokenCount > 2 * 300, $"two images expand to several hundred tokens; prompt had {response.Usage?.InputTokenCount}");
    }

    [Fact]
    public async Task GetStreamingResponseAsync_text_only_message_to_a_vision_model_streams()
    {
        using var client = OnnxChatClient.Load(folder);
        var response = await client.GetResponseAsync([new(ChatRole.User, "Just text this time.")], new ChatOptions { Temperature = 0, MaxOutputTokens = 6 });
        Assert.Equal(6, response.Usage?.OutputTokenCount);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_bytes_that_are_not_an_image_are_a_clear_error()
    {
        using var client = OnnxChatClient.Load(folder);
        var message = new ChatMessage(ChatRole.User, [new TextContent("What is this?"), new DataContent("not a picture"u8.ToArray(), "image/png")]);
        var error = await Assert.ThrowsAsync<ArgumentException>(() => client.GetResponseAsync([message]));
        Assert.Contains("neither a PNG nor a JPEG", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, client.LiveGenerators);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_damaged_png_is_an_error_not_a_crash()
    {
        using var client = OnnxChatClient.Load(folder);
        var png = TestImages.Png(120, 80);
        for (var i = 60; i < png.Length - 20; i += 5)
            png[i] ^= 0x5A;
        var message = new ChatMessage(ChatRole.User, [new TextContent("What is this?"), new DataContent(png, "image/png")]);

        await Assert.ThrowsAnyAsync<Exception>(() => client.GetResponseAsync([message]));
        Assert.Equal(0, client.LiveGenerators);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_jpeg_is_read_and_a_corrupt_jpeg_is_an_error_not_a_crash()
    {
        using var client = OnnxChatClient.Load(folder);
        var jpeg = TestImages.Jpeg(60, 40);
        ChatMessage Ask(byte[] bytes) => new(ChatRole.User, [new TextContent("What is this?"), new DataContent(bytes, "image/jpeg")]);

        var response = await client.GetResponseAsync([Ask(jpeg)], new ChatOptions { MaxOutputTokens = 3 });
        Assert.Equal(3, response.Usage?.OutputTokenCount);

        // Bytes flipped inside the compressed data: ONNX Runtime Extensions' JPEG decoder can end the process on such
        // files. The provider decodes in managed code first: the outcome is a clear error or a reply, never a crash.
        foreach (var stride in new[] { 3, 7, 11 })
        {
            var corrupt = (byte[])jpeg.Clone();
            for (var i = corrupt.Length / 2; i < corrupt.Length - 2; i += stride)
                corrupt[i] ^= 0x5A;
            var outcome = await Record.ExceptionAsync(() => client.GetResponseAsync([Ask(corrupt)], new ChatOptions { MaxOutputTokens = 2 }));
            if (outcome is not null)
                Assert.IsType<ArgumentException>(outcome);
        }
        Assert.Equal(0, client.LiveGenerators);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
