using System.Net;
using System.Net.Sockets;
using FeedEngine.ImageGeneration.Tests.Generation;
using FeedEngine.Inference;
using FeedEngine.Inference.ImageGeneration;
using Microsoft.AspNetCore.Http;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace FeedEngine.ImageGeneration.Tests.OpenAi;

/// <summary>The OpenAI-compatible images provider against a local Kestrel server: the request it sends, what it makes of answers and failures.</summary>
public sealed class OpenAiImageGeneratorTests : IAsyncLifetime
{
    static readonly byte[] Picture = MakePng(96, 64);
    readonly HttpClient http = new();
    FakeImageServer server = null!;

    public async Task InitializeAsync() => server = await FakeImageServer.StartAsync();

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        http.Dispose();
    }

    static byte[] MakePng(int width, int height)
    {
        using var image = new Image<Rgb24>(width, height, new Rgb24(200, 100, 50));
        using var output = new MemoryStream();
        image.SaveAsPng(output);
        return output.ToArray();
    }

    OpenAiImageGenerator Generator(TimeSpan? timeout = null, bool sendSeed = false, Uri? endpoint = null) =>
        new(http, new OpenAiImageEndpoint(endpoint ?? server.Endpoint, "sd-turbo", "secret-key", timeout ?? TimeSpan.FromSeconds(10), new ImageLimits(), sendSeed));

    static ImageGenerationOptions Size(int width, int height) => new() { ImageSize = new System.Drawing.Size(width, height), AdditionalProperties = new() { [ImageGenerationKeys.Seed] = 99L } };

    [Fact]
    public async Task GenerateAsync_b64Answer_returnsThePicture_andSendsAnOpenAiRequest()
    {
        server.Answer = FakeImageServer.Pictures(Picture);

        var response = await Generator().GenerateAsync(new ImageGenerationRequest("  a lighthouse  "), Size(96, 64));

        var content = Assert.IsType<DataContent>(Assert.Single(response.Contents));
        Assert.Equal("image/png", content.MediaType);
        Assert.Equal(Picture, content.Data.ToArray());
        var (body, authorization) = Assert.Single(server.Requests);
        Assert.Equal("sd-turbo", body["model"]!.GetValue<string>());
        Assert.Equal("a lighthouse", body["prompt"]!.GetValue<string>());
        Assert.Equal("96x64", body["size"]!.GetValue<string>());
        Assert.Equal(1, body["n"]!.GetValue<int>());
        Assert.Equal("b64_json", body["response_format"]!.GetValue<string>());
        Assert.False(body.ContainsKey("seed"));
        Assert.Equal("Bearer secret-key", authorization);
    }

    [Fact]
    public async Task GenerateAsync_sendSeed_sendsItAndReturnsIt()
    {
        server.Answer = FakeImageServer.Pictures(Picture);

        var response = await Generator(sendSeed: true).GenerateAsync(new ImageGenerationRequest("a"), Size(64, 64));

        Assert.Equal(99L, Assert.Single(server.Requests).Body["seed"]!.GetValue<long>());
        Assert.Equal(99L, response.Contents[0].AdditionalProperties![ImageGenerationKeys.Seed]);
    }

    [Fact]
    public async Task GenerateAsync_serverError_saysWhichServerAndWhatItSaid()
    {
        server.Answer = async (_, response) =>
        {
            response.StatusCode = 400;
            await response.WriteAsJsonAsync(new { error = new { message = "size must be one of 256x256, 512x512", type = "invalid_request_error" } });
        };

        var error = await Assert.ThrowsAsync<InferenceProviderException>(() => Generator().GenerateAsync(new ImageGenerationRequest("a"), Size(96, 64)));

        Assert.Equal(400, error.StatusCode);
        Assert.Contains(server.Endpoint.ToString(), error.Message);
        Assert.Contains("size must be one of 256x256, 512x512", error.Message);
    }

    [Fact]
    public async Task GenerateAsync_serverFailsWithoutJson_quotesTheText()
    {
        server.Answer = async (_, response) =>
        {
            response.StatusCode = 503;
            await response.WriteAsync("model is loading");
        };

        var error = await Assert.ThrowsAsync<InferenceProviderException>(() => Generator().GenerateAsync(new ImageGenerationRequest("a"), Size(64, 64)));

        Assert.Equal(503, error.StatusCode);
        Assert.Contains("503", error.Message);
        Assert.Contains("model is loading", error.Message);
    }

    [Fact]
    public async Task GenerateAsync_slowServer_timesOutWithAClearError()
    {
        server.Answer = async (_, response) => await Task.Delay(TimeSpan.FromSeconds(10), response.HttpContext.RequestAborted);

        var error = await Assert.ThrowsAsync<InferenceProviderException>(() => Generator(timeout: TimeSpan.FromMilliseconds(300)).GenerateAsync(new ImageGenerationRequest("a"), Size(64, 64)));

        Assert.Contains("did not answer within", error.Message);
    }

    [Fact]
    public async Task GenerateAsync_callerCancels_isACancellationNotATimeout()
    {
        server.Answer = async (_, response) => await Task.Delay(TimeSpan.FromSeconds(10), response.HttpContext.RequestAborted);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Generator().GenerateAsync(new ImageGenerationRequest("a"), Size(64, 64), cancel.Token));
    }

    [Fact]
    public async Task GenerateAsync_nothingListening_saysTheServerCannotBeReached()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var error = await Assert.ThrowsAsync<InferenceProviderException>(() =>
            Generator(endpoint: new Uri($"http://127.0.0.1:{port}/v1")).GenerateAsync(new ImageGenerationRequest("a"), Size(64, 64)));

        Assert.Contains("cannot be reached", error.Message);
    }

    public static TheoryData<string, string> Unusable => new()
    {
        { """{"data":[{"url":"https://example.com/a.png"}]}""", "b64_json" },
        { """{"data":[]}""", "no pictures" },
        { """{"created":1}""", "no data array" },
        { """{"data":[{"b64_json":"%%%"}]}""", "cannot use" },
        { """{"data":[{"b64_json":"PGh0bWw+"}]}""", "not a PNG, JPEG or WebP" },
        { "<html>gateway</html>", "cannot use" },
    };

    [Theory]
    [MemberData(nameof(Unusable))]
    public async Task GenerateAsync_answerItCannotUse_saysWhy(string answer, string why)
    {
        server.Answer = (_, response) =>
        {
            response.ContentType = "application/json";
            return response.WriteAsync(answer);
        };

        var error = await Assert.ThrowsAsync<InferenceProviderException>(() => Generator().GenerateAsync(new ImageGenerationRequest("a"), Size(64, 64)));

        Assert.Contains(why, error.Message);
    }

    [Fact]
    public async Task GenerateAsync_oversize_isRefusedBeforeAskingTheServer()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Generator().GenerateAsync(new ImageGenerationRequest("a"), Size(4096, 4096)));

        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task SceneImages_throughTheOpenAiProvider_areStoredLabelled()
    {
        server.Answer = FakeImageServer.Pictures(MakePng(128, 96));
        await using var app = await SceneHost.StartAsync(settings:
        [
            ("Inference:Images:Provider", "openai"),
            ("Inference:Images:OpenAI:Endpoint", server.Endpoint.ToString()),
            ("Inference:Images:OpenAI:Model", "remote-sd"),
        ]);

        var result = await app.Scenes.DrawAsync(Scenes.Request());
        var again = await app.Scenes.DrawAsync(Scenes.Request());

        Assert.True(result.Succeeded, result.Message);
        Assert.True(result.Image.AiGenerated);
        Assert.Equal("remote-sd", result.Image.Generation!.Model);
        Assert.True(again.FromCache);
        Assert.Single(server.Requests);
        Assert.Equal("128x96", server.Requests.Single().Body["size"]!.GetValue<string>());
    }
}
