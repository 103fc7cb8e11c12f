using FeedEngine.Media.Generation;
using FeedEngine.Media.Uploads;
using SixLabors.ImageSharp;

namespace FeedEngine.ImageGeneration.Tests.Generation;

/// <summary>Scene pictures through the app's composition: the real tiny ONNX pipeline, the real embedded store.</summary>
public sealed class SceneImageServiceTests : IAsyncLifetime
{
    SceneHost app = null!;

    public async Task InitializeAsync() => app = await SceneHost.StartAsync();

    public async Task DisposeAsync() => await app.DisposeAsync();

    async Task<byte[]> ReadAsync(string imageId, string variant)
    {
        var content = await app.Images.OpenVariantAsync(imageId, variant);
        Assert.NotNull(content);
        await using var stream = content.Stream;
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    [Fact]
    public async Task DrawAsync_styleAndState_storesAnAiLabelledPngOfTheStyleSize()
    {
        var result = await app.Scenes.DrawAsync(Scenes.Request(character: "Maren"));

        Assert.True(result.Succeeded, result.Message);
        Assert.False(result.FromCache);
        var image = result.Image;
        Assert.True(image.AiGenerated);
        Assert.Equal((128, 96), (image.Width, image.Height));
        Assert.Equal("tiny", image.Generation!.Model);
        Assert.Equal("post-1", image.Generation.PostId);
        Assert.Equal("scene", image.Generation.Style);
        Assert.Equal("Maren, an old keeper in a yellow oilskin, setting: the lamp room, weather: storm, moody oil painting, storm light", result.Prompt);
        Assert.Equal(result.Prompt, image.Generation.Prompt);
        Assert.Equal($"/images/{image.Id}/full", result.Urls!.Full);

        foreach (var variant in ImageVariantNames.All)
        {
            var bytes = await ReadAsync(image.Id, variant);
            Assert.Equal("image/png", image.Variants.Single(v => v.Name == variant).ContentType);
            var texts = PngChunks.Texts(bytes);
            Assert.Equal("AI-generated image", texts["Description"]);
            Assert.Equal("tiny", texts["Source"]);
            Assert.Contains(AiImageLabel.DigitalSourceType, texts[AiImageLabel.XmpKeyword]);
            using var decoded = Image.Load(bytes);
            Assert.Equal(image.Variants.Single(v => v.Name == variant).Width, decoded.Width);
        }
        using var full = Image.Load(await ReadAsync(image.Id, ImageVariantNames.Full));
        Assert.Equal((128, 96), (full.Width, full.Height));
    }

    [Fact]
    public async Task DrawAsync_sameRequestTwice_isDrawnOnceAndServedFromTheCacheTheSecondTime()
    {
        var first = await app.Scenes.DrawAsync(Scenes.Request());
        var second = await app.Scenes.DrawAsync(Scenes.Request(viewer: "viewer-2"));

        Assert.False(first.FromCache);
        Assert.True(second.FromCache);
        Assert.Equal(first.Image!.Id, second.Image!.Id);
        Assert.Equal(1, app.Counter!.Calls);
        Assert.Equal((1, 1), app.Stored);
    }

    [Fact]
    public async Task DrawAsync_cache_survivesARestartOnTheSameStore()
    {
        var first = await app.Scenes.DrawAsync(Scenes.Request());
        app.KeepData = true;
        await app.DisposeAsync();
        app = await SceneHost.StartAsync(app.DataDirectory);

        var again = await app.Scenes.DrawAsync(Scenes.Request());

        Assert.True(again.FromCache);
        Assert.Equal(first.Image!.Id, again.Image!.Id);
        Assert.Equal(0, app.Counter!.Calls);
    }

    [Fact]
    public async Task DrawAsync_twoIdenticalRequestsAtOnce_drawOnePicture()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        app.Counter!.Gate = gate;

        var first = app.Scenes.DrawAsync(Scenes.Request(viewer: "viewer-1"));
        var second = app.Scenes.DrawAsync(Scenes.Request(viewer: "viewer-2"));
        await Task.Delay(100);
        gate.SetResult();
        var results = await Task.WhenAll(first, second);

        Assert.Equal(1, app.Counter.Calls);
        Assert.Equal(results[0].Image!.Id, results[1].Image!.Id);
        Assert.Single(results, r => r.FromCache);
        Assert.Equal((1, 1), app.Stored);
    }

    [Fact]
    public async Task DrawAsync_changedState_drawsANewPicture_withThePostsSeed()
    {
        var harbor = await app.Scenes.DrawAsync(Scenes.Request(state: Scenes.State(location: "the harbor")));
        var tower = await app.Scenes.DrawAsync(Scenes.Request(state: Scenes.State(location: "the tower")));

        Assert.NotEqual(harbor.Image!.Id, tower.Image!.Id);
        Assert.Equal(harbor.Seed, tower.Seed);
        Assert.Equal(2, app.Counter!.Calls);
    }

    [Fact]
    public async Task DrawAsync_keepsALookPerPostAndCharacter()
    {
        var style = Scenes.Scene();
        var maren = await app.Scenes.DrawAsync(Scenes.Request(character: "maren"));
        var gull = await app.Scenes.DrawAsync(Scenes.Request(character: "Gull"));
        var otherPost = await app.Scenes.DrawAsync(Scenes.Request(postId: "post-2", character: "Maren"));

        Assert.Equal(SceneSeeds.For("post-1", style, style.Characters[0]), maren.Seed);
        Assert.Equal(12345, gull.Seed);
        Assert.NotEqual(maren.Seed, otherPost.Seed);
        var fixedStyle = Scenes.Scene(seed: 777);
        Assert.Equal(SceneSeeds.For("post-1", fixedStyle), SceneSeeds.For("post-9", fixedStyle));
    }

    [Fact]
    public async Task DrawAsync_namedStyle_drawsInThatStyle()
    {
        var result = await app.Scenes.DrawAsync(Scenes.Request(style: "PORTRAIT", ask: "the keeper's face"));

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal("portrait", result.Image.Generation!.Style);
        Assert.Equal((64, 64), (result.Image.Width, result.Image.Height));
        Assert.StartsWith("the keeper's face", result.Prompt);
    }
}
