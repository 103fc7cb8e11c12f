using System.ComponentModel.DataAnnotations;

namespace FeedEngine.Engine.Memory;

/// <summary>How viewer memory works: when a quiet session is read for facts, how many, and how much of a prompt they may take. Section <c>Memory</c>.</summary>
public sealed class MemoryOptions
{
    public const string SectionName = "Memory";

    /// <summary>A session is read for facts after this long without a new turn.</summary>
    [Range(1, 86_400)]
    public int QuietSeconds { get; set; } = 120;

    /// <summary>The most facts one extraction keeps.</summary>
    [Range(1, 50)]
    public int MaxFactsPerExtraction { get; set; } = 8;

    /// <summary>The most viewer messages one extraction reads (the newest).</summary>
    [Range(1, 200)]
    public int MaxTurnsPerExtraction { get; set; } = 30;

    /// <summary>The most facts kept per viewer; recall looks at the newest this many.</summary>
    [Range(1, 10_000)]
    public int MaxFactsPerViewer { get; set; } = 500;

    /// <summary>The most remembered facts one prompt carries (fewer when they do not fit <see cref="BudgetTokens"/>).</summary>
    [Range(0, 100)]
    public int RecallCount { get; set; } = 8;

    /// <summary>Facts less similar than this (cosine, MiniLM) to the latest message stay out of the prompt; 0 keeps them all.</summary>
    [Range(0.0, 1.0)]
    public double RecallThreshold { get; set; } = 0.15;

    /// <summary>Tokens of a prompt that memory and the post's canon may take (less when the context is small).</summary>
    [Range(0, 100_000)]
    public int BudgetTokens { get; set; } = 250;

    /// <summary>The longest fact kept, in characters.</summary>
    [Range(20, 1_000)]
    public int MaxFactLength { get; set; } = 200;
}

/// <summary>The clock memory waits on for a session to go quiet (a test gives it a fake one; the silo keeps the real one).</summary>
public sealed record MemoryClock(TimeProvider Time);
