using Bunit;
using FeedEngine.Inference.Models;
using FeedEngine.Web.Components.Layout;

namespace FeedEngine.Web.Tests.Hosting;

/// <summary>The admins' model banner (issue 4): download progress, a missing or failed model, the test model; nothing once a real model is ready.</summary>
public sealed class ModelStatusBannerTests : IDisposable
{
    readonly BunitContext context = new();

    public void Dispose() => context.Dispose();

    [Fact]
    public void Banner_downloading_showsProgressAndTheFileBeingFetched()
    {
        var download = new DownloadSnapshot("llama", 3 * 1_048_576, 12 * 1_048_576, 1, 3, "model.onnx.data", 2_000_000);

        var cut = context.Render<ModelStatusBanner>(p => p.Add(x => x.Status, new ModelStatus("llama", ModelState.Preparing, "Downloading from Hugging Face.", Download: download)));

        Assert.Equal("preparing", cut.Find("[data-testid=model-banner]").GetAttribute("data-state"));
        Assert.Equal("25", cut.Find("[data-testid=model-progress]").GetAttribute("value"));
        var text = cut.Find("[data-testid=model-progress-text]").TextContent;
        Assert.Contains("25 %", text);
        Assert.Contains("3.0 of 12.0 MB", text);
        Assert.Contains("file 2 of 3 (model.onnx.data)", text);
        Assert.Contains("downloading. Downloading from Hugging Face.", cut.Markup);
    }

    [Theory]
    [InlineData(ModelState.Missing, "not downloaded")]
    [InlineData(ModelState.Failed, "failed")]
    [InlineData(ModelState.NotConfigured, "not configured")]
    public void Banner_modelNotUsable_saysSoWithTheMessage(ModelState state, string label)
    {
        var cut = context.Render<ModelStatusBanner>(p => p.Add(x => x.Status, new ModelStatus("llama", state, "Set Inference:Model or download it.")));

        var banner = cut.Find("[data-testid=model-banner]");
        Assert.Contains("warning", banner.ClassList);
        Assert.Contains($"{label}. Set Inference:Model or download it.", banner.TextContent);
        Assert.Empty(cut.FindAll("progress"));
    }

    [Fact]
    public void Banner_readyRealModel_showsNothing_butATestModelIsLabelled()
    {
        var ready = context.Render<ModelStatusBanner>(p => p.Add(x => x.Status, new ModelStatus("llama", ModelState.Ready, "Ready.")));
        var tiny = context.Render<ModelStatusBanner>(p => p.Add(x => x.Status, new ModelStatus("tiny", ModelState.Ready, "Ready.", IsTestModel: true)));

        Assert.Empty(ready.FindAll("[data-testid=model-banner]"));
        Assert.Contains("replies are random", tiny.Find("[data-testid=model-banner]").TextContent);
    }
}

/// <summary>The banner follows a download as it is fetched again (model-status.js swaps in each answer), and shows the image model too.</summary>
public sealed class ModelStatusBannerLiveTests : IDisposable
{
    readonly BunitContext context = new();

    public void Dispose() => context.Dispose();

    static ModelStatus Downloading(long doneMb, int filesDone) =>
        new("llama", ModelState.Preparing, "Downloading.", Download: new DownloadSnapshot("llama", doneMb * 1_048_576, 10 * 1_048_576, filesDone, 2, "model.onnx", 1_000_000));

    [Fact]
    public void Banner_progressChanges_areShown_andItGoesWhenBothModelsAreReady()
    {
        var image = new ModelStatus("sd-turbo", ModelState.Preparing, "Downloading the image model.",
            Download: new DownloadSnapshot("sd-turbo", 1_048_576, 4 * 1_048_576, 0, 3, "unet.onnx", 1_000_000));
        var cut = context.Render<ModelStatusBanner>(p => p.Add(x => x.Status, Downloading(2, 0)).Add(x => x.ImageStatus, image));

        Assert.Equal("/api/admin/model-status", cut.Find("[data-testid=model-status]").GetAttribute("data-model-status"));
        Assert.Equal("20", cut.Find("[data-model=text] [data-testid=model-progress]").GetAttribute("value"));
        Assert.Equal("25", cut.Find("[data-model=image] [data-testid=model-progress]").GetAttribute("value"));
        Assert.Contains("Image model sd-turbo:", cut.Find("[data-model=image]").TextContent);

        cut.Render(p => p.Add(x => x.Status, Downloading(7, 1)).Add(x => x.ImageStatus, image));
        Assert.Equal("70", cut.Find("[data-model=text] [data-testid=model-progress]").GetAttribute("value"));
        Assert.Contains("7.0 of 10.0 MB · file 2 of 2", cut.Find("[data-model=text] [data-testid=model-progress-text]").TextContent);

        cut.Render(p => p.Add(x => x.Status, new ModelStatus("llama", ModelState.Ready, "Ready.")).Add(x => x.ImageStatus, image));
        Assert.Empty(cut.FindAll("[data-model=text]"));
        Assert.Single(cut.FindAll("[data-model=image]"));

        cut.Render(p => p.Add(x => x.Status, new ModelStatus("llama", ModelState.Ready, "Ready.")).Add(x => x.ImageStatus, image with { State = ModelState.Ready, Download = null }));
        Assert.Empty(cut.FindAll("[data-testid=model-status]"));
        Assert.Equal("", cut.Markup.Trim());
    }

    [Fact]
    public void Banner_imageModelFailed_isAWarning_andATestImageModelIsLabelled()
    {
        var failed = context.Render<ModelStatusBanner>(p => p.Add(x => x.ImageStatus, new ModelStatus("sd-turbo", ModelState.Failed, "Checksum mismatch in unet.onnx.")));
        var tiny = context.Render<ModelStatusBanner>(p => p.Add(x => x.ImageStatus, new ModelStatus("tiny", ModelState.Ready, "Ready.", IsTestModel: true)));

        Assert.Contains("warning", failed.Find("[data-model=image]").ClassList);
        Assert.Contains("failed. Checksum mismatch in unet.onnx.", failed.Find("[data-model=image]").TextContent);
        Assert.Contains("pictures are noise", tiny.Find("[data-model=image]").TextContent);
    }
}
