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
