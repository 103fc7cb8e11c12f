using FeedEngine.Inference.Onnx;
using FeedEngine.Inference.TestModels;

namespace FeedEngine.Inference.Tests.TestModels;

/// <summary>One generated tiny model, loaded once through the real onnx provider, shared by the tests that only read from it.</summary>
public sealed class TinyModelFixture : IDisposable
{
    public TinyModelFixture()
    {
        Root = Directory.CreateTempSubdirectory("feedengine-tiny-").FullName;
        Folder = TestModelGenerator.Ensure(Path.Combine(Root, "tiny"), TestModelSpec.Tiny);
        Client = OnnxChatClient.Load(Folder, new OnnxChatClientOptions { DefaultMaxOutputTokens = 32 });
    }

    public string Root { get; }

    public string Folder { get; }

    public OnnxChatClient Client { get; }

    /// <summary>A copy of the model folder a test may damage.</summary>
    public string CopyFolder()
    {
        var copy = Path.Combine(Root, "copy-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(copy);
        foreach (var file in Directory.GetFiles(Folder))
            File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        return copy;
    }

    public void Dispose()
    {
        Client.Dispose();
        Directory.Delete(Root, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class TinyModelCollection : ICollectionFixture<TinyModelFixture>
{
    public const string Name = "tiny model";
}
