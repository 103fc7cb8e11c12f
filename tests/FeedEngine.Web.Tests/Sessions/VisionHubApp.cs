using FeedEngine.Inference.TestModels;

namespace FeedEngine.Web.Tests.Sessions;

/// <summary>
/// FeedEngine on Kestrel answering with the generated tiny vision model (<c>phi3v</c>, random weights, the real
/// MultiModalProcessor) through the real onnx provider: <c>Inference:Model</c> points at its folder, so the session
/// snapshots say <c>acceptsImages</c> and uploaded pictures reach the model.
/// </summary>
public sealed class VisionHubApp : FeedEngineApp, IAsyncLifetime
{
    string ModelFolder => Path.Combine(DataDirectory, "vision-model");

    protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
    [
        .. base.Settings(),
        new("Inference:Model", ModelFolder),
        new("Sessions:ReplyTokens", "16"),
    ];

    public Task InitializeAsync()
    {
        TestModelGenerator.Ensure(ModelFolder, TestModelSpec.TinyVision);
        StartKestrel();
        return Task.CompletedTask;
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
}

[CollectionDefinition(Name)]
public sealed class VisionHubCollection : ICollectionFixture<VisionHubApp>
{
    public const string Name = "vision-hub";
}
