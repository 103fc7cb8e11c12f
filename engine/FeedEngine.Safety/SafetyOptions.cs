using System.ComponentModel.DataAnnotations;

namespace FeedEngine.Safety;

/// <summary>Platform-wide safety settings (section <c>Safety</c>).</summary>
public sealed class SafetyOptions
{
    public const string SectionName = "Safety";

    /// <summary>Topics no post, reply or ad may touch, as keywords or phrases.</summary>
    public List<string> BlockedTopics { get; set; } = [];

    /// <summary>Words and phrases that make text mature: blocked for viewers under 18 and in posts not rated mature.</summary>
    public List<string> MatureTerms { get; set; } =
    [
        "porn", "pornography", "pornographic", "explicit sex", "sex scene", "nude photos", "nudes", "cocaine", "heroin",
        "methamphetamine", "crystal meth", "snort", "get high", "blackout drunk", "gore", "dismember", "dismembered",
    ];

    [Required] public GuardOptions Guard { get; set; } = new();

    [Required] public QuotaOptions Quotas { get; set; } = new();

    [Required] public RateLimitOptions RateLimits { get; set; } = new();
}

/// <summary>The Llama Guard 3 classifier stage (section <c>Safety:Guard</c>): on only when <see cref="Model"/> is set.</summary>
public sealed class GuardOptions
{
    /// <summary>
    /// The guard model. With the <c>onnx</c> provider: a model folder path (an ONNX Runtime GenAI export of Llama Guard 3),
    /// a catalog name, or <c>tiny</c> (random answers, for trying the wiring). With <c>openai</c>: the model id the server
    /// serves (e.g. <c>meta-llama/Llama-Guard-3-1B</c>). The app registers its client under the <c>guard</c> key.
    /// </summary>
    public string? Model { get; set; }

    /// <summary><c>onnx</c> or <c>openai</c>; unset: the chat model's <c>Inference:Provider</c>.</summary>
    [RegularExpression("^(onnx|openai)$", ErrorMessage = "Safety:Guard:Provider must be onnx or openai.")]
    public string? Provider { get; set; }

    /// <summary>For <c>openai</c>: the server's API base (e.g. <c>http://localhost:8001/v1</c>); unset: <c>Inference:OpenAI:Endpoint</c>.</summary>
    public string? Endpoint { get; set; }

    /// <summary>For <c>openai</c>: the API key; unset: <c>Inference:OpenAI:ApiKey</c>.</summary>
    public string? ApiKey { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(Model);

    /// <summary>
    /// <c>template</c>: send the conversation as chat messages and let the guard model's own chat template build the
    /// task (how vLLM and ONNX Runtime GenAI serve Llama Guard 3). <c>raw</c>: send the whole task prompt as one message.
    /// </summary>
    [RegularExpression("^(template|raw)$")]
    public string PromptFormat { get; set; } = "template";

    [Range(1, 120)] public int TimeoutSeconds { get; set; } = 10;

    /// <summary>Block when the guard cannot answer (error, timeout, unreadable answer). Default: allow and log.</summary>
    public bool FailClosed { get; set; }

    /// <summary>Llama Guard categories that are not blocked on this platform (e.g. <c>S6</c> specialised advice).</summary>
    public List<string> AllowedCategories { get; set; } = [];
}

/// <summary>Daily generation quotas (section <c>Safety:Quotas</c>).</summary>
public sealed class QuotaOptions
{
    [Range(0, 1_000_000)] public int GenerationsPerDay { get; set; } = 200;

    [Range(0, 1_000_000)] public int GuestGenerationsPerDay { get; set; } = 30;
}

/// <summary>HTTP rate limits (section <c>Safety:RateLimits</c>), fixed one-minute windows.</summary>
public sealed class RateLimitOptions
{
    /// <summary>Requests per minute per signed-in user, on every API endpoint.</summary>
    [Range(1, 1_000_000)] public int UserRequestsPerMinute { get; set; } = 600;

    /// <summary>Requests per minute per client address for callers without a token.</summary>
    [Range(1, 1_000_000)] public int AnonymousRequestsPerMinute { get; set; } = 300;

    /// <summary>Messages per minute per viewer in conversations (the hub's limiter).</summary>
    [Range(1, 10_000)] public int MessagesPerMinute { get; set; } = 20;

    /// <summary>Reports per hour per user.</summary>
    [Range(1, 10_000)] public int ReportsPerHour { get; set; } = 30;
}
