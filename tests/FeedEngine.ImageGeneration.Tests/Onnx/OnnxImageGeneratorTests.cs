using System.Drawing;
using FeedEngine.Inference.ImageGeneration;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace FeedEngine.ImageGeneration.Tests.Onnx;

/// <summary>The real pipeline (tokenizer, text encoder, UNet, scheduler, VAE decoder, PNG) on the tiny generated model, on CPU.</summary>
public sealed class OnnxImageGeneratorTests(TinyDiffusionModel model) : IClassFixture<TinyDiffusionModel>
{
    static ImageGenerationOptions Options(int width, int height, long? seed = 42, int? steps = null, int? count = null)
    {
        var options = new ImageGenerationOptions { ImageSize = new System.Drawing.Size(width, height), Count = count, AdditionalProperties = [] };
        if (seed is { } s)
            options.AdditionalProperties[ImageGenerationKeys.Seed] = s;
        if (steps is { } n)
            options.AdditionalProperties[ImageGenerationKeys.Steps] = n;
        return options;
    }

    static DataContent Single(ImageGenerationResponse response) => Assert.IsType<DataContent>(Assert.Single(response.Contents));

    [Fact]
    public async Task GenerateAsync_tinyModel_returnsADecodablePngOfTheRequestedSize()
    {
        var response = await model.Generator.GenerateAsync(new ImageGenerationRequest("a lighthouse in a storm at night"), Options(96, 64));

        var png = Single(response);
        Assert.Equal("image/png", png.MediaType);
        using var image = SixLabors.ImageSharp.Image.Load<Rgb24>(png.Data.Span);
        Assert.Equal(96, image.Width);
        Assert.Equal(64, image.Height);
        var distinct = new HashSet<Rgb24>();
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < rows.Height; y++)
                foreach (var pixel in rows.GetRowSpan(y))
                    distinct.Add(pixel);
        });
        Assert.True(distinct.Count > 50, $"The picture has {distinct.Count} colours; the decoder's output did not reach the pixels.");
    }

    [Fact]
    public async Task GenerateAsync_samePromptAndSeed_giveTheSameBytes()
    {
        var request = new ImageGenerationRequest("an old keeper in a yellow oilskin");

        var first = Single(await model.Generator.GenerateAsync(request, Options(64, 64, seed: 7)));
        var second = Single(await model.Generator.GenerateAsync(request, Options(64, 64, seed: 7)));
        var otherSeed = Single(await model.Generator.GenerateAsync(request, Options(64, 64, seed: 8)));
        var otherPrompt = Single(await model.Generator.GenerateAsync(new ImageGenerationRequest("a harbor at dawn"), Options(64, 64, seed: 7)));

        Assert.Equal(first.Data.ToArray(), second.Data.ToArray());
        Assert.NotEqual(first.Data.ToArray(), otherSeed.Data.ToArray());
        Assert.NotEqual(first.Data.ToArray(), otherPrompt.Data.ToArray());
    }

    [Fact]
    public async Task GenerateAsync_fourSteps_runsTheSchedulerAndDiffersFromOneStep()
    {
        var request = new ImageGenerationRequest("a lighthouse");

        var one = Single(await model.Generator.GenerateAsync(request, Options(64, 64, steps: 1)));
        var four = await model.Generator.GenerateAsync(request, Options(64, 64, steps: 4));

        Assert.NotEqual(one.Data.ToArray(), Single(four).Data.ToArray());
        var report = Assert.IsType<OnnxImageReport>(four.RawRepresentation);
        Assert.True(Assert.Single(report.Pictures).UNet > TimeSpan.Zero);
        Assert.Equal(4, Single(four).AdditionalProperties![ImageGenerationKeys.Steps]);
    }

    [Fact]
    public async Task GenerateAsync_noSeed_picksOneAndReturnsIt_soThePictureCanBeDrawnAgain()
    {
        var request = new ImageGenerationRequest("a gull");
        var drawn = Single(await model.Generator.GenerateAsync(request, Options(64, 64, seed: null)));
        var seed = Assert.IsType<long>(drawn.AdditionalProperties![ImageGenerationKeys.Seed]);

        var again = Single(await model.Generator.GenerateAsync(request, Options(64, 64, seed: seed)));

        Assert.Equal(drawn.Data.ToArray(), again.Data.ToArray());
    }

    [Fact]
    public async Task GenerateAsync_count_drawsThatManyWithConsecutiveSeeds()
    {
        var response = await model.Generator.GenerateAsync(new ImageGenerationRequest("waves"), Options(64, 64, seed: 100, count: 2));

        Assert.Equal(2, response.Contents.Count);
        Assert.Equal([100L, 101L], response.Contents.Select(c => (long)c.AdditionalProperties![ImageGenerationKeys.Seed]!));
        var alone = Single(await model.Generator.GenerateAsync(new ImageGenerationRequest("waves"), Options(64, 64, seed: 101)));
        Assert.Equal(alone.Data.ToArray(), ((DataContent)response.Contents[1]).Data.ToArray());
    }

    [Fact]
    public async Task GenerateAsync_png_saysItIsAiGeneratedAndByWhichModel()
    {
        var png = Single(await model.Generator.GenerateAsync(new ImageGenerationRequest("a storm"), Options(64, 64)));

        var texts = PngChunks.Texts(png.Data.ToArray());
        Assert.Equal("AI-generated image", texts["Description"]);
        Assert.Equal("tiny", texts["Source"]);
    }

    [Theory]
    [InlineData(2048, 512, "2048 x 512")]
    [InlineData(512, 1032, "512 x 1032")]
    [InlineData(4, 512, "4 x 512")]
    public async Task GenerateAsync_sizeOutOfBounds_throwsArgumentExceptionNamingTheSizeAndTheLimits(int width, int height, string named)
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => model.Generator.GenerateAsync(new ImageGenerationRequest("a storm"), Options(width, height)));

        Assert.Contains(named, error.Message);
        Assert.Contains("1024", error.Message);
    }

    [Fact]
    public async Task GenerateAsync_sizeNotAMultipleOfEight_drawsTheClosestSize()
    {
        var png = Single(await model.Generator.GenerateAsync(new ImageGenerationRequest("a storm"), Options(61, 67)));

        var info = SixLabors.ImageSharp.Image.Identify(png.Data.ToArray());
        Assert.Equal((64, 64), (info.Width, info.Height));
    }

    [Fact]
    public async Task GenerateAsync_badPromptStepsOrCount_throwsArgumentException()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => model.Generator.GenerateAsync(new ImageGenerationRequest("   "), Options(64, 64)));
        await Assert.ThrowsAsync<ArgumentException>(() => model.Generator.GenerateAsync(new ImageGenerationRequest(new string('a', 2001)), Options(64, 64)));
        var tooMany = await Assert.ThrowsAsync<ArgumentException>(() => model.Generator.GenerateAsync(new ImageGenerationRequest("a"), Options(64, 64, steps: 5)));
        Assert.Contains("1 to 4", tooMany.Message);
        await Assert.ThrowsAsync<ArgumentException>(() => model.Generator.GenerateAsync(new ImageGenerationRequest("a"), Options(64, 64, count: 9)));
        var options = Options(64, 64);
        options.AdditionalProperties![ImageGenerationKeys.Seed] = "not a number";
        await Assert.ThrowsAsync<ArgumentException>(() => model.Generator.GenerateAsync(new ImageGenerationRequest("a"), options));
    }

    [Fact]
    public async Task GenerateAsync_editOrUrlResponse_isNotSupported()
    {
        var edit = new ImageGenerationRequest("make it night", [new DataContent(new byte[] { 1, 2, 3 }, "image/png")]);
        await Assert.ThrowsAsync<NotSupportedException>(() => model.Generator.GenerateAsync(edit, Options(64, 64)));
        var url = Options(64, 64);
        url.ResponseFormat = ImageGenerationResponseFormat.Uri;
        await Assert.ThrowsAsync<NotSupportedException>(() => model.Generator.GenerateAsync(new ImageGenerationRequest("a"), url));
    }

    [Fact]
    public async Task GenerateAsync_cancelled_throwsOperationCanceled()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => model.Generator.GenerateAsync(new ImageGenerationRequest("a"), Options(64, 64), cancelled.Token));
    }

    [Fact]
    public void GetService_reportsTheProviderAndModel()
    {
        var metadata = model.Generator.GetService<ImageGeneratorMetadata>();

        Assert.Equal("onnx", metadata!.ProviderName);
        Assert.Equal("tiny", metadata.DefaultModelId);
        Assert.True(model.Generator.IsTestModel);
    }
}
