using System.Net;
using System.Net.Sockets;
using FeedEngine.Inference.OpenAi;
using FeedEngine.Inference.Scheduling;

namespace FeedEngine.Inference.Tests.OpenAi;

public sealed class OpenAiProviderTests : IAsyncLifetime
{
    FakeOpenAiServer server = null!;

    public async Task InitializeAsync() => server = await FakeOpenAiServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    IChatClient Client(string model, TimeSpan? timeout = null) =>
        OpenAiChatClientFactory.Create(new OpenAiEndpoint(server.Endpoint, model, "test-key", timeout ?? TimeSpan.FromSeconds(20), MaxRetries: 0));

    static readonly ChatMessage[] Hello = [new(ChatRole.User, "Hello?")];

    [Fact]
    public async Task GetStreamingResponseAsync_streams_pieces_from_the_server()
    {
        using var client = Client("echo");
        var pieces = new List<string>();
        ChatFinishReason? finish = null;
        await foreach (var update in client.GetStreamingResponseAsync(Hello, new ChatOptions { Temperature = 0.3f, MaxOutputTokens = 50 }))
        {
            if (update.Text.Length > 0)
                pieces.Add(update.Text);
            finish ??= update.FinishReason;
        }

        Assert.Equal(["Hello", " from", " the", " server", " (0 images)"], pieces);
        Assert.Equal(ChatFinishReason.Stop, finish);
        var request = Assert.Single(server.Requests);
        Assert.True(request["stream"]!.GetValue<bool>());
        Assert.Equal("echo", request["model"]!.GetValue<string>());
        Assert.Equal(0.3, request["temperature"]!.GetValue<double>(), 3);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_sends_images_as_data_uris()
    {
        using var client = Client("echo");
        var png = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A };
        var message = new ChatMessage(ChatRole.User, [new TextContent("What is in this picture?"), new DataContent(png, "image/png")]);

        var text = "";
        await foreach (var update in client.GetStreamingResponseAsync([message]))
            text += update.Text;

        Assert.EndsWith("(1 images)", text, StringComparison.Ordinal);
        var parts = Assert.Single(server.Requests)["messages"]![0]!["content"]!.AsArray();
        var image = Assert.Single(parts, p => p!["type"]!.GetValue<string>() == "image_url");
        Assert.Equal("data:image/png;base64," + Convert.ToBase64String(png), image!["image_url"]!["url"]!.GetValue<string>());
    }

    [Fact]
    public async Task GetResponseAsync_reads_a_whole_reply_with_usage()
    {
        using var client = Client("echo");
        var response = await client.GetResponseAsync(Hello);
        Assert.Equal("Hello from the server (0 images)", response.Text);
        Assert.Equal(5, response.Usage?.OutputTokenCount);
    }

    [Fact]
    public async Task Server_error_is_a_clear_provider_error()
    {
        using var client = Client("error-500");
        var error = await Assert.ThrowsAsync<InferenceProviderException>(async () =>
        {
            await foreach (var _ in client.GetStreamingResponseAsync(Hello))
            {
            }
        });
        Assert.Equal(500, error.StatusCode);
        Assert.Contains("answered 500", error.Message, StringComparison.Ordinal);
        Assert.Contains(server.Endpoint.Authority, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Server_that_does_not_answer_in_time_is_a_clear_timeout()
    {
        using var client = Client("slow", TimeSpan.FromMilliseconds(300));
        var error = await Assert.ThrowsAsync<InferenceProviderException>(() => client.GetResponseAsync(Hello));
        Assert.Contains("did not answer within 0.3 s", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unreachable_server_is_a_clear_error()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var client = OpenAiChatClientFactory.Create(new OpenAiEndpoint(new Uri($"http://127.0.0.1:{port}/v1"), "echo", MaxRetries: 0, Timeout: TimeSpan.FromSeconds(5)));

        var error = await Assert.ThrowsAsync<InferenceProviderException>(() => client.GetResponseAsync(Hello));

        Assert.Contains("Could not reach the model server", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_stream_is_a_clear_error()
    {
        using var client = Client("garbage");
        var error = await Assert.ThrowsAsync<InferenceProviderException>(async () =>
        {
            await foreach (var _ in client.GetStreamingResponseAsync(Hello))
            {
            }
        });
        Assert.Contains("not valid OpenAI chat JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Odd_but_legal_chunks_pass_through_as_text()
    {
        using var client = Client("hostile");
        var text = "";
        await foreach (var update in client.GetStreamingResponseAsync(Hello))
            text += update.Text;
        Assert.Equal("<script>alert(1)</script> \u0000 \ud83d\ude00", text);
    }

    [Fact]
    public async Task Cancelling_a_stalled_stream_is_a_cancellation_not_an_error()
    {
        using var client = Client("stall");
        using var cancel = new CancellationTokenSource();
        var received = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync(Hello, cancellationToken: cancel.Token))
            {
                received++;
                cancel.Cancel();
            }
        });
        Assert.Equal(1, received);
    }

    [Fact]
    public async Task Scheduled_openai_client_streams_and_keeps_the_viewer_to_itself()
    {
        using var metrics = new InferenceMetrics();
        using var client = new ScheduledChatClient(Client("echo"), new GenerationScheduler("openai", 4, 16, TimeProvider.System, metrics));

        var response = await client.GetStreamingResponseAsync(Hello, new ChatOptions().WithViewer("viewer-1")).ToChatResponseAsync();

        Assert.Equal("Hello from the server (0 images)", response.Text);
        Assert.DoesNotContain(ChatOptionsViewer.ViewerIdKey, Assert.Single(server.Requests).ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(0, client.Scheduler.Running);
    }
}
