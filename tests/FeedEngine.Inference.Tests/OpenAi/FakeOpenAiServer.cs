using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace FeedEngine.Inference.Tests.OpenAi;

/// <summary>
/// A small OpenAI-compatible server on 127.0.0.1: <c>POST /v1/chat/completions</c>, plain JSON or SSE streaming.
/// The requested model name picks a behaviour: <c>echo</c> (a normal reply that counts the images it got),
/// <c>error-500</c>, <c>slow</c> (no answer for 30 s), <c>stall</c> (one chunk, then silence),
/// <c>garbage</c> (malformed JSON), <c>hostile</c> (odd but legal chunks).
/// </summary>
public sealed class FakeOpenAiServer : IAsyncDisposable
{
    readonly WebApplication app;

    FakeOpenAiServer(WebApplication app) => this.app = app;

    public Uri Endpoint { get; private set; } = null!;

    public ConcurrentQueue<JsonNode> Requests { get; } = new();

    public static async Task<FakeOpenAiServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new FakeOpenAiServer(app);
        app.MapPost("/v1/chat/completions", server.CompleteAsync);
        await app.StartAsync();
        server.Endpoint = new Uri(app.Urls.First() + "/v1");
        return server;
    }

    async Task CompleteAsync(HttpContext context)
    {
        var request = (await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted))!;
        Requests.Enqueue(request);
        var model = request["model"]?.GetValue<string>() ?? "";
        var stream = request["stream"]?.GetValue<bool>() == true;
        var images = request["messages"]!.AsArray()
            .SelectMany(m => m!["content"] is JsonArray parts ? parts : [])
            .Count(p => p!["type"]?.GetValue<string>() == "image_url" && p["image_url"]!["url"]!.GetValue<string>().StartsWith("data:image/", StringComparison.Ordinal));
        var words = new[] { "Hello", " from", " the", " server", $" ({images} images)" };

        switch (model)
        {
            case "error-500":
                context.Response.StatusCode = 500;
                await context.Response.WriteAsJsonAsync(new { error = new { message = "the model crashed", type = "server_error" } });
                return;
            case "slow":
                await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
                return;
        }

        if (!stream)
        {
            await context.Response.WriteAsJsonAsync(new
            {
                id = "chatcmpl-1",
                @object = "chat.completion",
                created = 1700000000,
                model,
                choices = new[] { new { index = 0, message = new { role = "assistant", content = string.Concat(words) }, finish_reason = "stop" } },
                usage = new { prompt_tokens = 7, completion_tokens = words.Length, total_tokens = 7 + words.Length },
            });
            return;
        }

        context.Response.ContentType = "text/event-stream";
        switch (model)
        {
            case "garbage":
                await SendAsync(context, "{\"id\": \"x\", \"choices\": [ {not json");
                await SendAsync(context, "[DONE]");
                return;
            case "stall":
                await SendAsync(context, Chunk(model, "Hello", null));
                await Task.Delay(Timeout.InfiniteTimeSpan, context.RequestAborted);
                return;
            case "hostile":
                await SendAsync(context, "{\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"hostile\",\"choices\":[]}");
                await SendAsync(context, "{\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"hostile\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":null},\"finish_reason\":null}]}");
                await SendAsync(context, Chunk(model, "<script>alert(1)</script> \u0000 \ud83d\ude00", null));
                await SendAsync(context, "{\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"hostile\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],\"unknown_field\":{\"deep\":[1,2,3]}}");
                await SendAsync(context, "[DONE]");
                return;
        }
        foreach (var word in words)
            await SendAsync(context, Chunk(model, word, null));
        await SendAsync(context, Chunk(model, null, "stop"));
        await SendAsync(context, "[DONE]");
    }

    static string Chunk(string model, string? content, string? finish) => JsonSerializer.Serialize(new
    {
        id = "chatcmpl-1",
        @object = "chat.completion.chunk",
        created = 1700000000,
        model,
        choices = new[] { new { index = 0, delta = new { content }, finish_reason = finish } },
    });

    static async Task SendAsync(HttpContext context, string data)
    {
        await context.Response.WriteAsync($"data: {data}\n\n", Encoding.UTF8, context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
