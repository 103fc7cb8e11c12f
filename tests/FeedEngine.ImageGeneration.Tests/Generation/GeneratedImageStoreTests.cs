using FeedEngine.Media.Generation;
using FeedEngine.Media.Uploads;
using FeedEngine.Storage.Images;
using Microsoft.Extensions.DependencyInjection;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace FeedEngine.ImageGeneration.Tests.Generation;

/// <summary>A model's answer is untrusted input: it passes the upload pipeline's checks before anything is stored.</summary>
public sealed class GeneratedImageStoreTests : IAsyncLifetime
{
    SceneHost app = null!;

    GeneratedImageStore Store => app.Services.GetRequiredService<GeneratedImageStore>();

    static FeedEngine.Storage.Images.ImageGeneration Recipe() => new() { CacheKey = Guid.NewGuid().ToString("N"), Model = "remote-model", Prompt = "a storm", Seed = 1, Steps = 1 };

    public async Task InitializeAsync() => app = await SceneHost.StartAsync();

    public async Task DisposeAsync() => await app.DisposeAsync();

    static byte[] Encode(int width, int height, Action<Image<Rgb24>, Stream> save)
    {
        using var image = new Image<Rgb24>(width, height, new Rgb24(30, 60, 90));
        using var output = new MemoryStream();
        save(image, output);
        return output.ToArray();
    }

    [Fact]
    public async Task StoreAsync_jpegFromAServer_isStoredAsLabelledPngVariants()
    {
        var jpeg = Encode(800, 600, (image, stream) => image.SaveAsJpeg(stream));

        var result = await Store.StoreAsync(jpeg, Recipe(), "post:p");

        Assert.True(result.Succeeded);
        Assert.True(result.Image.AiGenerated);
        Assert.Equal(["full", "card", "thumbnail"], result.Image.Variants.Select(v => v.Name));
        Assert.All(result.Image.Variants, v => Assert.Equal("image/png", v.ContentType));
        Assert.Equal((640, 480), (result.Image.Variants[1].Width, result.Image.Variants[1].Height));
        await using var thumbnail = (await app.Images.OpenVariantAsync(result.Image.Id, "thumbnail"))!.Stream;
        using var copy = new MemoryStream();
        await thumbnail.CopyToAsync(copy);
        Assert.Equal("remote-model", PngChunks.Texts(copy.ToArray())["Source"]);
    }

    public static TheoryData<string, byte[]> Unusable => new()
    {
        { "html", "<html><body>502 Bad Gateway</body></html>"u8.ToArray() },
        { "empty", [] },
        { "gif", "GIF89a\x01\x00\x01\x00\x00\x00\x00;"u8.ToArray() },
        { "truncated png", Encode(64, 64, (image, stream) => image.SaveAsPng(stream))[..60] },
    };

    [Theory]
    [MemberData(nameof(Unusable))]
    public async Task StoreAsync_notAStorablePicture_isRefusedAndStoresNothing(string what, byte[] bytes)
    {
        var result = await Store.StoreAsync(bytes, Recipe(), "post:p");

        Assert.False(result.Succeeded, what);
        Assert.Contains("model", result.Failure.Message);
        Assert.Equal((0, 0), app.Stored);
    }

    [Fact]
    public async Task StoreAsync_beyondThePixelLimits_isRefusedAndStoresNothing()
    {
        await app.DisposeAsync();
        app = await SceneHost.StartAsync(settings: ("Media:MaxPixels", "10000"));
        var png = Encode(200, 200, (image, stream) => image.SaveAsPng(stream));

        var result = await Store.StoreAsync(png, Recipe(), "post:p");

        Assert.Equal(ImageUploadFailureKind.TooLarge, result.Failure!.Kind);
        Assert.Contains("200 x 200", result.Failure.Message);
        Assert.Equal((0, 0), app.Stored);
    }

    [Fact]
    public async Task DrawAsync_modelAnswersWithSomethingElse_isRefusedAsUnusable_andStoresNothing()
    {
        var scenes = new SceneImageService(Store, app.Images, Microsoft.Extensions.Options.Options.Create(new SceneImageOptions()),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<SceneImageService>.Instance, new AnsweringGenerator(new DataContent("not a picture"u8.ToArray(), "image/png")));

        var result = await scenes.DrawAsync(Scenes.Request());

        Assert.Equal(SceneImageRefusal.Unusable, result.Refusal);
        Assert.Contains("not a picture FeedEngine stores", result.Message);
        Assert.Equal((0, 0), app.Stored);
    }

    /// <summary>A model server stand-in that answers every request with the same content.</summary>
    sealed class AnsweringGenerator(AIContent answer) : IImageGenerator
    {
        public Task<ImageGenerationResponse> GenerateAsync(ImageGenerationRequest request, ImageGenerationOptions? options = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(new ImageGenerationResponse([answer]));

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
