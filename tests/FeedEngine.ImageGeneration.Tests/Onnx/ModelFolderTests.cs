using FeedEngine.Inference;
using FeedEngine.Inference.ImageGeneration;

namespace FeedEngine.ImageGeneration.Tests.Onnx;

/// <summary>A missing, incomplete, corrupt or mismatched model folder: a <see cref="ModelLoadException"/> that names the file.</summary>
public sealed class ModelFolderTests(TinyDiffusionModel model) : IClassFixture<TinyDiffusionModel>
{
    [Fact]
    public void Load_missingFolder_namesIt()
    {
        var missing = Path.Combine(Path.GetTempPath(), "feedengine-no-such-model", Guid.NewGuid().ToString("N"));

        var error = Assert.Throws<ModelLoadException>(() => OnnxImageGenerator.Load(missing));

        Assert.Contains(missing, error.Message);
        Assert.Contains("does not exist", error.Message);
    }

    [Theory]
    [InlineData("unet", "model.onnx")]
    [InlineData("text_encoder", "model.onnx")]
    [InlineData("vae_decoder", "model.onnx")]
    [InlineData("tokenizer", "merges.txt")]
    [InlineData("tokenizer", "vocab.json")]
    public void Load_missingFile_namesTheFileAndTheLayout(string folder, string file)
    {
        var copy = model.CopyFolder();
        File.Delete(Path.Combine(copy, folder, file));

        var error = Assert.Throws<ModelLoadException>(() => OnnxImageGenerator.Load(copy));

        Assert.Contains($"{folder}/{file}", error.Message);
        Assert.Equal(Path.Combine(copy, folder, file), error.Path);
    }

    [Fact]
    public void Load_corruptUnet_namesTheFile()
    {
        var copy = model.CopyFolder();
        var unet = Path.Combine(copy, "unet", "model.onnx");
        File.WriteAllBytes(unet, [.. File.ReadAllBytes(unet).Take(300), .. new byte[] { 0xFF, 0xFE, 0x00, 0x13 }]);

        var error = Assert.Throws<ModelLoadException>(() => OnnxImageGenerator.Load(copy));

        Assert.Equal(unet, error.Path);
        Assert.Contains("could not load", error.Message);
    }

    [Fact]
    public void Load_networksSwapped_saysWhichInputIsMissing()
    {
        var copy = model.CopyFolder();
        File.Copy(Path.Combine(copy, "vae_decoder", "model.onnx"), Path.Combine(copy, "unet", "model.onnx"), overwrite: true);

        var error = Assert.Throws<ModelLoadException>(() => OnnxImageGenerator.Load(copy));

        Assert.Contains("has no input 'sample'", error.Message);
        Assert.Contains("latent_sample", error.Message);
    }

    [Fact]
    public void Load_unsupportedScheduler_saysWhatIsSupported()
    {
        var copy = model.CopyFolder();
        File.WriteAllText(Path.Combine(copy, "scheduler", "scheduler_config.json"), """{ "_class_name": "LCMScheduler" }""");

        var error = Assert.Throws<ModelLoadException>(() => OnnxImageGenerator.Load(copy));

        Assert.Contains("LCMScheduler", error.Message);
        Assert.Contains("EulerDiscreteScheduler", error.Message);
    }

    [Fact]
    public void Load_unknownExecutionProvider_isRefused()
    {
        var error = Assert.Throws<ModelLoadException>(() => OnnxImageGenerator.Load(model.Folder, new OnnxImageGeneratorOptions { ExecutionProvider = "tpu" }));

        Assert.Contains("cpu or cuda", error.Message);
    }

    [Fact]
    public void Load_cudaOnTheCpuBuild_saysHowToGetTheCudaBuild()
    {
        var error = Record.Exception(() => OnnxImageGenerator.Load(model.Folder, new OnnxImageGeneratorOptions { ExecutionProvider = "cuda" }).Dispose());

        // On the CUDA build with a GPU this loads; on the default build it must say what to do.
        if (error is not null)
            Assert.Contains("-p:FeedEngineGpu=true", Assert.IsType<ModelLoadException>(error).Message);
    }
}
