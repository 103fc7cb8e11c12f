using FeedEngine.Inference;
using FeedEngine.Inference.Models;
using FeedEngine.Inference.Scheduling;
using FeedEngine.Safety;
using FeedEngine.Safety.Moderation;
using FeedEngine.Storage;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace FeedEngine.Web.Safety;

public static class GuardModelExtensions
{
    /// <summary>
    /// The Llama Guard classifier's client, when <c>Safety:Guard:Model</c> is set: its own <see cref="ModelHost"/> (the
    /// <c>onnx</c> provider loads the folder, catalog model or <c>tiny</c> on first use; <c>openai</c> calls the server) behind
    /// its own scheduler, registered under <see cref="LlamaGuardStage.ChatClientKey"/> for <see cref="LlamaGuardStage"/>.
    /// The settings are checked at start. A client registered under that key beforehand (a test's) is kept.
    /// </summary>
    public static IHostApplicationBuilder AddGuardModel(this IHostApplicationBuilder builder)
    {
        if (string.IsNullOrWhiteSpace(builder.Configuration[$"{SafetyOptions.SectionName}:Guard:{nameof(GuardOptions.Model)}"]))
            return builder;
        builder.Services.AddSingleton<IValidateOptions<SafetyOptions>, GuardModelValidation>();
        builder.Services.TryAddSingleton<GuardModel>();
        builder.Services.TryAddKeyedSingleton<IChatClient>(LlamaGuardStage.ChatClientKey, (sp, _) => sp.GetRequiredService<GuardModel>().Client);
        return builder;
    }

    /// <summary>The guard's settings as inference settings: the chat model's, with the guard's provider, model and endpoint.</summary>
    internal static InferenceOptions GuardInference(GuardOptions guard, InferenceOptions chat) => new()
    {
        Provider = guard.Provider ?? chat.Provider,
        Model = guard.Model ?? "",
        ExecutionProvider = chat.ExecutionProvider,
        HuggingFaceEndpoint = chat.HuggingFaceEndpoint,
        HuggingFaceToken = chat.HuggingFaceToken,
        MaxQueue = chat.MaxQueue,
        // A verdict is a line: "safe", or "unsafe" and the categories.
        MaxOutputTokens = 20,
        OpenAI = new OpenAiOptions
        {
            Endpoint = guard.Endpoint ?? chat.OpenAI.Endpoint,
            ApiKey = guard.ApiKey ?? chat.OpenAI.ApiKey,
            Model = guard.Model,
            TimeoutSeconds = guard.TimeoutSeconds,
            MaxRetries = 0,
        },
    };
}

/// <summary>The guard model's host and scheduled client (one per app).</summary>
internal sealed class GuardModel : IDisposable
{
    public GuardModel(IOptions<SafetyOptions> safety, IOptions<InferenceOptions> inference, IOptions<StorageOptions> storage, ModelDownloader downloader,
        TimeProvider time, InferenceMetrics metrics, ILogger<ModelHost> logger)
    {
        var options = GuardModelExtensions.GuardInference(safety.Value.Guard, inference.Value);
        Host = new ModelHost(Options.Create(options), storage, downloader, logger);
        Client = new InferenceChatClient(Host, new GenerationScheduler($"guard-{options.Provider}", options.EffectiveMaxConcurrent, options.MaxQueue, time, metrics));
    }

    public ModelHost Host { get; }

    public IChatClient Client { get; }

    public void Dispose() => Host.Dispose();
}

/// <summary>At start: the guard's model names something its provider can run (the same rules as <c>Inference:Model</c>).</summary>
internal sealed class GuardModelValidation(IOptions<InferenceOptions> inference) : IValidateOptions<SafetyOptions>
{
    public ValidateOptionsResult Validate(string? name, SafetyOptions options)
    {
        if (!options.Guard.Enabled) return ValidateOptionsResult.Success;
        var guard = GuardModelExtensions.GuardInference(options.Guard, inference.Value);
        var results = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
        System.ComponentModel.DataAnnotations.Validator.TryValidateObject(guard, new(guard), results, validateAllProperties: true);
        var failures = results.Select(r => Reword(r.ErrorMessage ?? "")).Where(m => m.Length > 0).ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>The inference rules speak of <c>Inference:</c> settings; these are the guard's.</summary>
    static string Reword(string message) => message
        .Replace("Inference:OpenAI:Model", "Safety:Guard:Model", StringComparison.Ordinal)
        .Replace("Inference:OpenAI:Endpoint", "Safety:Guard:Endpoint (or Inference:OpenAI:Endpoint)", StringComparison.Ordinal)
        .Replace("Inference:Model", "Safety:Guard:Model", StringComparison.Ordinal)
        .Replace("Inference:Provider", "Safety:Guard:Provider", StringComparison.Ordinal);
}
