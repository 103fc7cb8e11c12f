using FeedEngine.Inference.TestModels;

namespace FeedEngine.Web.Tests.Sessions;

/// <summary>
/// FeedEngine on Kestrel (127.0.0.1, a free port) answering with a generated ONNX model (random weights, real format)
/// through the real onnx provider: slow enough (a few hundred tokens a second) that a test can drop a connection in the
/// middle of a reply. Clients are the real SignalR .NET client over WebSockets with guest tokens.
/// </summary>
public sealed class HubApp : FeedEngineApp, IAsyncLifetime
{
    public const int SendsPerMinute = 4;
    public const int ReplyTokens = 300;

    string ModelFolder => Path.Combine(DataDirectory, "test-model");

    protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
    [
        .. base.Settings(),
        new("Inference:Model", ModelFolder),
        new("Inference:MaxConcurrent", "4"),
        new("Sessions:ReplyTokens", ReplyTokens.ToString()),
        new("Sessions:BytesPerToken", "1"),
        new("Sessions:SendsPerMinute", SendsPerMinute.ToString()),
        new("Sessions:SemanticLoreThreshold", "0"),
    ];

    public Task InitializeAsync()
    {
        TestModelGenerator.Ensure(ModelFolder, TestModelSpec.Bench);
        StartKestrel();
        return Task.CompletedTask;
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
}

[CollectionDefinition(Name)]
public sealed class HubCollection : ICollectionFixture<HubApp>
{
    public const string Name = "hub";
}
