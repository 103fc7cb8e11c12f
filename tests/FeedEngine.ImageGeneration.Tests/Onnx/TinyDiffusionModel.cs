using FeedEngine.Inference.ImageGeneration;
using FeedEngine.Inference.TestModels;

namespace FeedEngine.ImageGeneration.Tests.Onnx;

/// <summary>The tiny generated SD-Turbo-layout pipeline, written once per test class into a temporary folder.</summary>
public sealed class TinyDiffusionModel : IDisposable
{
    public TinyDiffusionModel()
    {
        Folder = DiffusionTestModels.Ensure(Path.Combine(Path.GetTempPath(), "feedengine-imagegen-tests", Guid.NewGuid().ToString("N")), DiffusionTestModelSpec.Tiny);
        Generator = OnnxImageGenerator.Load(Folder, new OnnxImageGeneratorOptions { IntraOpThreads = 1, ModelId = "tiny" });
    }

    public string Folder { get; }

    public OnnxImageGenerator Generator { get; }

    readonly List<string> copies = [];

    /// <summary>A copy of the model folder that a test may break (removed with the fixture).</summary>
    public string CopyFolder()
    {
        var copy = Path.Combine(Path.GetTempPath(), "feedengine-imagegen-tests", Guid.NewGuid().ToString("N"));
        lock (copies)
            copies.Add(copy);
        foreach (var file in Directory.GetFiles(Folder, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(copy, Path.GetRelativePath(Folder, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        return copy;
    }

    public void Dispose()
    {
        Generator.Dispose();
        foreach (var folder in copies.Append(Folder).Where(Directory.Exists))
            Directory.Delete(folder, recursive: true);
    }
}
