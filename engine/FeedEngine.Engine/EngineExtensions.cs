using FeedEngine.Engine.Memory;
using FeedEngine.Engine.Prompts;
using FeedEngine.Engine.Sessions;
using FeedEngine.Inference;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace FeedEngine.Engine;

public static class EngineExtensions
{
    /// <summary>
    /// Registers what the session, post and viewer grains use: session options, prompt assembly (with semantic lore when
    /// an embedding generator is registered), metrics. The grains themselves are found by the co-hosted silo. Needs an
    /// <see cref="IChatClient"/> (<c>AddInference</c>, or a test's) and the repositories (<c>AddStorage</c>).
    /// </summary>
    public static IHostApplicationBuilder AddEngine(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SessionOptions>()
            .BindConfiguration(SessionOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOptions<SponsoredTurnOptions>()
            .BindConfiguration(SponsoredTurnOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddMetrics();
        builder.Services.TryAddSingleton<LocalSessions>();
        builder.Services.TryAddSingleton(sp => new SessionMetrics(sp.GetService<System.Diagnostics.Metrics.IMeterFactory>()));
        builder.Services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<SessionOptions>>().Value;
            var model = sp.GetService<IConfiguration>()?[$"{InferenceOptions.SectionName}:{nameof(InferenceOptions.Model)}"];
            return new TokenEstimator(options.BytesPerToken ?? (model == Inference.Models.ModelCatalog.TinyName ? 1 : 3.5));
        });
        builder.Services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<SessionOptions>>().Value;
            var budget = new PromptBudget(options.ContextTokens - options.ReplyTokens, options.LoreBudgetTokens, options.SummaryBudgetTokens,
                options.LoreScanTurns, options.SemanticLoreThreshold);
            return new PromptAssembler(budget with { MemoryTokens = sp.GetRequiredService<IOptions<MemoryOptions>>().Value.BudgetTokens },
                sp.GetRequiredService<TokenEstimator>(), sp.GetService<IEmbeddingGenerator<string, Embedding<float>>>());
        });
        builder.AddMemory();
        return builder;
    }

    /// <summary>Viewer memory: extraction after a session goes quiet (on <see cref="MemoryClock"/>) and recall into prompts.</summary>
    static void AddMemory(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<MemoryOptions>()
            .BindConfiguration(MemoryOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.TryAddSingleton(sp => new MemoryClock(sp.GetRequiredService<TimeProvider>()));
        builder.Services.TryAddSingleton(sp => ActivatorUtilities.CreateInstance<MemoryExtractor>(sp));
        builder.Services.TryAddSingleton(sp => ActivatorUtilities.CreateInstance<MemoryRecall>(sp));
    }
}
