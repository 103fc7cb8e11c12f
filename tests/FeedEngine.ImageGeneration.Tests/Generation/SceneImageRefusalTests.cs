using FeedEngine.Inference;
using FeedEngine.Inference.Models;
using FeedEngine.Inference.TestModels;
using FeedEngine.Media.Generation;

namespace FeedEngine.ImageGeneration.Tests.Generation;

/// <summary>Bad input and missing models: a clear refusal or error, the model not asked when it need not be, nothing stored.</summary>
public sealed class SceneImageRefusalTests : IAsyncLifetime
{
    SceneHost app = null!;

    public async Task InitializeAsync() => app = await SceneHost.StartAsync();

    public async Task DisposeAsync() => await app.DisposeAsync();

    async Task AssertRefusedAsync(SceneImageRequest request, SceneImageRefusal refusal, params string[] named)
    {
        var result = await app.Scenes.DrawAsync(request);

        Assert.False(result.Succeeded);
        Assert.Equal(refusal, result.Refusal);
        foreach (var part in named)
            Assert.Contains(part, result.Message);
        Assert.Equal(0, app.Counter!.Calls);
        Assert.Equal((0, 0), app.Stored);
    }

    [Fact]
    public Task DrawAsync_unknownStyle_isRefusedListingThePostsStyles() =>
        AssertRefusedAsync(Scenes.Request(style: "anime"), SceneImageRefusal.UnknownStyle, "'anime'", "scene, portrait");

    [Fact]
    public Task DrawAsync_postWithoutStyles_isRefused() =>
        AssertRefusedAsync(Scenes.Request(styles: []), SceneImageRefusal.NoStyle, "no image style");

    [Fact]
    public Task DrawAsync_unknownCharacter_isRefusedListingTheStylesCharacters() =>
        AssertRefusedAsync(Scenes.Request(character: "Captain Ahab"), SceneImageRefusal.UnknownCharacter, "'Captain Ahab'", "Maren, Gull");

    [Theory]
    [InlineData(4096, 512)]
    [InlineData(512, 1088)]
    [InlineData(32, 512)]
    public Task DrawAsync_styleSizeOutOfBounds_isRefusedNamingTheLimits(int width, int height) =>
        AssertRefusedAsync(Scenes.Request(styles: [Scenes.Scene(width, height)]), SceneImageRefusal.TooLarge, $"{width} x {height}", "1024");

    [Fact]
    public async Task DrawAsync_styleWithoutPromptOrState_hasNothingToDraw()
    {
        var empty = new FeedEngine.Storage.Posts.ImageStyle { Name = "blank", Width = 64, Height = 64 };

        await AssertRefusedAsync(Scenes.Request(styles: [empty], state: new()), SceneImageRefusal.NothingToDraw, "'blank'");
    }

    [Fact]
    public async Task DrawAsync_missingModelFolder_throwsModelUnavailableNamingIt_andStoresNothing()
    {
        await app.DisposeAsync();
        var missing = Path.Combine(Path.GetTempPath(), "feedengine-no-image-model", Guid.NewGuid().ToString("N"));
        app = await SceneHost.StartAsync(settings: ("Inference:Images:Model", missing));

        var error = await Assert.ThrowsAsync<ModelUnavailableException>(() => app.Scenes.DrawAsync(Scenes.Request()));

        Assert.Equal(ModelState.NotConfigured, error.Status.State);
        Assert.Contains(missing, error.Message);
        Assert.Equal((0, 0), app.Stored);
    }

    [Fact]
    public async Task DrawAsync_catalogModelNotDownloaded_saysHowToGetIt_andStoresNothing()
    {
        await app.DisposeAsync();
        app = await SceneHost.StartAsync(settings: ("Inference:Images:Model", "sd-turbo"));

        var error = await Assert.ThrowsAsync<ModelUnavailableException>(() => app.Scenes.DrawAsync(Scenes.Request()));

        Assert.Equal(ModelState.Missing, error.Status.State);
        Assert.Contains("tlwu/sd-turbo-onnxruntime", error.Message);
        Assert.Contains("Inference:Images:AutoDownload=true", error.Message);
        Assert.Contains("Inference:Images:Model=tiny", error.Message);
        Assert.Equal((0, 0), app.Stored);
    }

    [Fact]
    public async Task DrawAsync_corruptModel_throwsModelUnavailableNamingTheFile_andStoresNothing()
    {
        await app.DisposeAsync();
        var data = Directory.CreateTempSubdirectory("feedengine-scenes-").FullName;
        var folder = DiffusionTestModels.Ensure(Path.Combine(data, "corrupt-model"), DiffusionTestModelSpec.Tiny);
        var unet = Path.Combine(folder, "unet", "model.onnx");
        File.WriteAllBytes(unet, [1, 2, 3, 4, 5]);
        app = await SceneHost.StartAsync(data, ("Inference:Images:Model", folder));

        var error = await Assert.ThrowsAsync<ModelUnavailableException>(() => app.Scenes.DrawAsync(Scenes.Request()));

        Assert.Equal(ModelState.Failed, error.Status.State);
        Assert.Contains(unet, error.Message);
        Assert.Equal((0, 0), app.Stored);
    }

    [Fact]
    public async Task DrawAsync_picturesOff_isRefused()
    {
        await app.DisposeAsync();
        app = await SceneHost.StartAsync(settings: ("Inference:Images:Provider", "none"));

        var result = await app.Scenes.DrawAsync(Scenes.Request());

        Assert.Equal(SceneImageRefusal.Off, result.Refusal);
        Assert.Contains("Inference:Images", result.Message);
        Assert.Equal((0, 0), app.Stored);
    }
}
