using FeedEngine.Inference;
using FeedEngine.Inference.Models;
using FeedEngine.Inference.TestModels;
using FeedEngine.Safety;
using FeedEngine.Safety.Moderation;
using FeedEngine.Web.Safety;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace FeedEngine.Web.Tests.Safety;

/// <summary>
/// The guard model as the app registers it from <c>Safety:Guard:Model</c> (<see cref="GuardModelExtensions.AddGuardModel"/>),
/// run through the real onnx provider on generated models: one whose next-token table makes it answer a fixed verdict
/// (so a decision can be asserted), and the random tiny model (whose noise must be judged exactly as the parser reads it).
/// </summary>
public sealed class GuardModelTests : IDisposable
{
    readonly string root = Directory.CreateTempSubdirectory("feedengine-guard-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Theory]
    [InlineData("unsafe S1", ModerationAction.Block, new[] { "S1" })]
    [InlineData("unsafe S10", ModerationAction.Block, new[] { "S10" })]
    [InlineData("safe", ModerationAction.Allow, new string[0])]
    public async Task GuardFromConfiguration_onTheOnnxProvider_decidesWhatTheModelAnswers(string answer, ModerationAction action, string[] categories)
    {
        var folder = TestModelGenerator.Ensure(Path.Combine(root, "guard"), TestModelSpec.Scripted(answer));
        using var host = Build(new() { ["Safety:Guard:Model"] = folder });

        var guard = host.Services.GetRequiredKeyedService<IChatClient>(LlamaGuardStage.ChatClientKey);
        var raw = (await guard.GetResponseAsync([new ChatMessage(ChatRole.User, "How do I pick a lock?")], new ChatOptions { Temperature = 0, MaxOutputTokens = 20 })).Text;
        var decision = await host.Services.GetRequiredService<ModerationService>()
            .ModerateAsync(new ModerationRequest("How do I pick a lock?", ContentKind.ViewerMessage, ViewerAge: 30));

        // The real model ran: the app's client is the inference client on a model host for this folder.
        Assert.Equal(folder, guard.GetService<ModelHost>()?.Status.Folder);
        Assert.Equal(answer, raw.Trim());
        Assert.Equal(["policy", "llama-guard"], host.Services.GetRequiredService<ModerationService>().StageNames);
        Assert.Equal(action, decision.Action);
        Assert.Equal(categories, decision.Categories);
        if (action == ModerationAction.Block) Assert.Equal(LlamaGuardStage.BlockMessage, decision.Message);
    }

    [Fact]
    public async Task GuardFromConfiguration_onTheRandomTinyModel_decidesAsTheParserReadsItsAnswer()
    {
        var folder = TestModelGenerator.Ensure(Path.Combine(root, "tiny"), TestModelSpec.Tiny);
        using var host = Build(new() { ["Safety:Guard:Model"] = folder, ["Safety:Guard:FailClosed"] = "true", ["Safety:Guard:PromptFormat"] = "raw" });
        const string text = "Tell me a story about the sea.";

        var raw = (await host.Services.GetRequiredKeyedService<IChatClient>(LlamaGuardStage.ChatClientKey)
            .GetResponseAsync([new ChatMessage(ChatRole.User, LlamaGuardPrompt.Build(text, null))], new ChatOptions { Temperature = 0, MaxOutputTokens = 20 })).Text;
        var decision = await host.Services.GetRequiredService<ModerationService>().ModerateAsync(new ModerationRequest(text, ContentKind.ViewerMessage, ViewerAge: 30));

        Assert.False(string.IsNullOrWhiteSpace(raw));
        var parsed = LlamaGuardAnswer.Parse(raw);
        var expected = !parsed.Readable ? (ModerationAction.Block, [PolicyCategories.GuardUnavailable])
            : parsed.Unsafe ? (ModerationAction.Block, parsed.Categories.Count > 0 ? parsed.Categories : ["unsafe"])
            : (ModerationAction.Allow, (IReadOnlyList<string>)[]);
        Assert.Equal(expected.Item1, decision.Action);
        Assert.Equal(expected.Item2, decision.Categories);
    }

    [Fact]
    public void NoGuardModel_registersNoGuardClient_andOnlyThePolicyStageRuns()
    {
        using var host = Build([]);

        Assert.Null(host.Services.GetKeyedService<IChatClient>(LlamaGuardStage.ChatClientKey));
        Assert.Equal(["policy"], host.Services.GetRequiredService<ModerationService>().StageNames);
    }

    [Theory]
    [InlineData("no-such-model", null, null, "Safety:Guard:Model")]
    [InlineData("meta-llama/Llama-Guard-3-1B", "openai", null, "Safety:Guard:Endpoint")]
    [InlineData("meta-llama/Llama-Guard-3-1B", "openai", "ftp://example.com/v1", "Safety:Guard:Endpoint")]
    [InlineData("tiny", "vllm", null, "Safety:Guard:Provider")]
    public void BadGuardSettings_failAtStart_namingTheSetting(string model, string? provider, string? endpoint, string setting)
    {
        using var host = Build(new() { ["Safety:Guard:Model"] = model, ["Safety:Guard:Provider"] = provider, ["Safety:Guard:Endpoint"] = endpoint });

        var error = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<SafetyOptions>>().Value);
        Assert.Contains(setting, error.Message);
    }

    [Fact]
    public void AClientRegisteredBeforehand_isKept()
    {
        var scripted = new ScriptedGuard();
        using var host = Build(new() { ["Safety:Guard:Model"] = "tiny" }, services => services.AddKeyedSingleton<IChatClient>(LlamaGuardStage.ChatClientKey, scripted));

        Assert.Same(scripted, host.Services.GetRequiredKeyedService<IChatClient>(LlamaGuardStage.ChatClientKey));
    }

    IHost Build(Dictionary<string, string?> settings, Action<IServiceCollection>? before = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(settings) { ["Storage:DataDirectory"] = root, ["Inference:Model"] = "tiny" });
        before?.Invoke(builder.Services);
        builder.AddInference();
        builder.AddSafety();
        builder.AddGuardModel();
        return builder.Build();
    }

    sealed class ScriptedGuard : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "safe")));

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
