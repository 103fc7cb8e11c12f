using FeedEngine.Safety.Limits;
using FeedEngine.Safety.Moderation;
using FeedEngine.Safety.Quotas;
using FeedEngine.Safety.Reports;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace FeedEngine.Safety;

public static class SafetyExtensions
{
    /// <summary>
    /// The key of the clock that rate limits and quotas run on: the host's <see cref="TimeProvider"/> unless a test
    /// registers its own under this key (to move time past a window without sleeping or moving every other clock).
    /// </summary>
    public const string ClockKey = "safety";

    /// <summary>
    /// Moderation (the policy stage, plus the Llama Guard stage when <c>Safety:Guard:Model</c> is set), quotas and
    /// rate limits, reports and enforcement.
    /// </summary>
    public static IHostApplicationBuilder AddSafety(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SafetyOptions>()
            .BindConfiguration(SafetyOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => o.Guard.PromptFormat is "template" or "raw", "Safety:Guard:PromptFormat must be 'template' or 'raw'.")
            .ValidateOnStart();

        builder.Services.TryAddKeyedSingleton<TimeProvider>(ClockKey, (sp, _) => sp.GetService<TimeProvider>() ?? TimeProvider.System);
        builder.Services.AddSingleton<PolicyStage>();
        builder.Services.AddSingleton<IModerationStage>(sp => sp.GetRequiredService<PolicyStage>());
        var guardModel = builder.Configuration[$"{SafetyOptions.SectionName}:Guard:{nameof(GuardOptions.Model)}"];
        if (!string.IsNullOrWhiteSpace(guardModel))
        {
            builder.Services.AddSingleton<IModerationStage>(sp => new LlamaGuardStage(
                sp.GetKeyedService<IChatClient>(LlamaGuardStage.ChatClientKey)
                    ?? throw new InvalidOperationException(
                        $"Safety:Guard:Model is '{guardModel}', but no IChatClient is registered under the key '{LlamaGuardStage.ChatClientKey}'. "
                        + "Register the guard model's client (AddKeyedSingleton<IChatClient>(\"guard\", ...)) or unset Safety:Guard:Model."),
                sp.GetRequiredService<IOptions<SafetyOptions>>(),
                sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<LlamaGuardStage>>()));
        }
        builder.Services.AddSingleton<ModerationService>();

        builder.Services.AddSingleton<GenerationQuotaService>();
        builder.Services.AddSingleton<MessageRateLimiter>();
        builder.Services.AddSafetyRateLimits();

        builder.Services.AddSingleton<EnforcementService>();
        builder.Services.AddSingleton<ReportService>();
        return builder;
    }

    /// <summary>Quota, reports, blocks and the admin report queue.</summary>
    public static IEndpointRouteBuilder MapSafetyEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapQuotaEndpoints();
        app.MapReportEndpoints();
        return app;
    }
}
