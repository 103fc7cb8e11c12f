using FeedEngine.Inference.Embeddings;
using FeedEngine.Inference.ImageGeneration;
using FeedEngine.Inference.Models;
using FeedEngine.Inference.Scheduling;
using FeedEngine.Storage;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FeedEngine.Inference;

public static class InferenceExtensions
{
    /// <summary>
    /// Registers the model seam: <see cref="IChatClient"/> (the configured provider behind the scheduler),
    /// <see cref="GenerationScheduler"/>, <see cref="ModelHost"/> (catalog, download, status), the embedding generator
    /// and the inference metrics. With no settings the app starts without a model and without network; conversations
    /// then get a <see cref="ModelUnavailableException"/> that says what to configure.
    /// </summary>
    public static IHostApplicationBuilder AddInference(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<InferenceOptions>()
            .BindConfiguration(InferenceOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName);

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddMetrics();
        builder.Services.TryAddSingleton(sp => new InferenceMetrics(sp.GetService<IMeterFactory>()));
        builder.Services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<InferenceOptions>>().Value;
            return new GenerationScheduler(options.Provider, options.EffectiveMaxConcurrent, options.MaxQueue,
                sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<InferenceMetrics>());
        });

        builder.Services.AddHttpClient<ModelDownloader>(http => http.Timeout = Timeout.InfiniteTimeSpan);
        builder.Services.AddSingleton<ModelHost>();
        builder.Services.AddSingleton<IChatModelCapabilities>(sp => sp.GetRequiredService<ModelHost>());
        builder.Services.AddHostedService<ModelPreparationService>();
        builder.Services.AddSingleton<InferenceChatClient>();
        builder.Services.AddSingleton<IChatClient>(sp => sp.GetRequiredService<InferenceChatClient>());

        builder.Services.AddSingleton<EmbeddingService>();
        builder.Services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(sp => sp.GetRequiredService<EmbeddingService>());
        builder.AddImageModel();
        return builder;
    }

    /// <summary>
    /// The image seam (<c>Inference:Images</c>): an <see cref="IImageGenerator"/> drawing with the configured provider
    /// through its own scheduler, and <see cref="ImageModelHost"/> (catalog, download, status). With
    /// <c>Inference:Images:Provider=none</c> no generator is registered and callers draw nothing.
    /// </summary>
    static void AddImageModel(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ImageModelOptions>()
            .BindConfiguration(ImageModelOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        var provider = builder.Configuration[$"{ImageModelOptions.SectionName}:{nameof(ImageModelOptions.Provider)}"] ?? new ImageModelOptions().Provider;
        if (string.Equals(provider, "none", StringComparison.OrdinalIgnoreCase))
            return;

        builder.Services.AddHttpClient(OpenAiImageGenerator.HttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan);
        builder.Services.AddSingleton<ImageModelHost>();
        builder.Services.AddHostedService<ImageModelPreparationService>();
        builder.Services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<ImageModelOptions>>().Value;
            var scheduler = new GenerationScheduler($"image-{options.Provider}", options.EffectiveMaxConcurrent, options.MaxQueue,
                sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<InferenceMetrics>(), expectedGeneration: TimeSpan.FromSeconds(5));
            return new InferenceImageGenerator(sp.GetRequiredService<ImageModelHost>(), scheduler);
        });
#pragma warning disable MEAI001 // Microsoft.Extensions.AI's image generation abstraction is experimental in 10.x.
        builder.Services.AddSingleton<IImageGenerator>(sp => sp.GetRequiredService<InferenceImageGenerator>());
#pragma warning restore MEAI001
    }
}

/// <summary>Prepares the configured image model in the background (writes the tiny pipeline, or downloads when asked).</summary>
internal sealed partial class ImageModelPreparationService(ImageModelHost host, ILogger<ImageModelPreparationService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        await host.PrepareAsync(stoppingToken);
        LogStatus(logger, host.Status.Model, host.Status.State, host.Status.Message);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Image model {Model}: {State}. {Message}")]
    static partial void LogStatus(ILogger logger, string model, ModelState state, string message);
}

/// <summary>Prepares the configured model in the background so the app serves while it downloads or is written.</summary>
internal sealed partial class ModelPreparationService(ModelHost host, ILogger<ModelPreparationService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        await host.PrepareAsync(stoppingToken);
        LogStatus(logger, host.Status.Model, host.Status.State, host.Status.Message);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Inference model {Model}: {State}. {Message}")]
    static partial void LogStatus(ILogger logger, string model, ModelState state, string message);
}
