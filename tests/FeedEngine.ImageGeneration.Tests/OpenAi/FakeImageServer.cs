using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace FeedEngine.ImageGeneration.Tests.OpenAi;

/// <summary>An OpenAI-compatible image server on 127.0.0.1 (<c>POST /v1/images/generations</c>); each test decides the answer.</summary>
public sealed class FakeImageServer : IAsyncDisposable
{
    readonly WebApplication app;

    FakeImageServer(WebApplication app) => this.app = app;

    /// <summary>The API base, <c>http://127.0.0.1:{port}/v1</c>.</summary>
    public Uri Endpoint { get; private set; } = null!;

    /// <summary>Answers a request (its JSON body) by writing the response.</summary>
    public Func<JsonObject, HttpResponse, Task> Answer { get; set; } = (_, response) => { response.StatusCode = 500; return Task.CompletedTask; };

    public ConcurrentQueue<(JsonObject Body, string? Authorization)> Requests { get; } = new();

    public static async Task<FakeImageServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new FakeImageServer(app);
        app.MapPost("/v1/images/generations", async (HttpContext context) =>
        {
            var body = (await JsonNode.ParseAsync(context.Request.Body))!.AsObject();
            server.Requests.Enqueue((body, context.Request.Headers.Authorization.FirstOrDefault()));
            await server.Answer(body, context.Response);
        });
        await app.StartAsync();
        server.Endpoint = new Uri(app.Urls.First() + "/v1");
        return server;
    }

    /// <summary>The usual success: one picture per <c>n</c>, base64 in <c>b64_json</c>.</summary>
    public static Func<JsonObject, HttpResponse, Task> Pictures(byte[] picture) => (body, response) =>
        response.WriteAsJsonAsync(new
        {
            created = 1_700_000_000,
            data = Enumerable.Range(0, body["n"]?.GetValue<int>() ?? 1).Select(_ => new { b64_json = Convert.ToBase64String(picture), revised_prompt = (string?)null }),
        });

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
