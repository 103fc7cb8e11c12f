using System.ComponentModel.DataAnnotations;

namespace FeedEngine.Engine.Sessions;

/// <summary>How sessions run: the model's context budget, lore and summary shares, frames, limits. Section <c>Sessions</c>.</summary>
public sealed class SessionOptions : IValidatableObject
{
    public const string SectionName = "Sessions";

    /// <summary>The model's context window in tokens (prompt and reply together).</summary>
    [Range(256, 1_000_000)]
    public int ContextTokens { get; set; } = 4096;

    /// <summary>Tokens kept for the reply; the longest reply the model may write.</summary>
    [Range(16, 32_768)]
    public int ReplyTokens { get; set; } = 512;

    /// <summary>The most tokens of lore a prompt carries (less when the context is small).</summary>
    [Range(0, 100_000)]
    public int LoreBudgetTokens { get; set; } = 600;

    /// <summary>The most tokens of condensed older turns a prompt carries.</summary>
    [Range(0, 100_000)]
    public int SummaryBudgetTokens { get; set; } = 300;

    /// <summary>How many recent turns are scanned for lore keys.</summary>
    [Range(1, 100)]
    public int LoreScanTurns { get; set; } = 4;

    /// <summary>
    /// Lore whose content is at least this close (cosine, MiniLM) to the latest message joins even without a key; 0 turns
    /// it off. Measured with the real all-MiniLM-L6-v2 (tests/FeedEngine.Engine.Tests/Prompts/SemanticLoreTests.cs): a
    /// message about the same thing as an entry scores 0.43-0.45, one that only shares the setting 0.30-0.33.
    /// </summary>
    [Range(0.0, 1.0)]
    public double SemanticLoreThreshold { get; set; } = 0.4;

    /// <summary>UTF-8 bytes per model token, for budgeting; unset: 1 for the byte-level test model (<c>Inference:Model=tiny</c>), else 3.5.</summary>
    [Range(0.5, 16)]
    public double? BytesPerToken { get; set; }

    /// <summary>Tokens are sent in frames at most this often (a frame carries everything generated since the last one).</summary>
    [Range(1, 2_000)]
    public int FrameMilliseconds { get; set; } = 50;

    /// <summary>Messages a viewer may send per minute, across all their sessions.</summary>
    [Range(1, 10_000)]
    public int SendsPerMinute { get; set; } = 20;

    /// <summary>Sampling temperature for replies; unset: the provider's default.</summary>
    [Range(0.0, 2.0)]
    public double? Temperature { get; set; }

    /// <summary>How long a post grain trusts its idea of the latest published version.</summary>
    [Range(0, 3600)]
    public int PostRefreshSeconds { get; set; } = 30;

    /// <summary>Turns a session keeps in memory for prompts and snapshots; older ones stay in storage (and in resume).</summary>
    [Range(10, 10_000)]
    public int TurnsInMemory { get; set; } = 100;

    /// <summary>How long a <c>Send</c> stream waits, after a turn event with <c>imagePending</c>, for the reply's picture.</summary>
    [Range(1, 3600)]
    public int PictureWaitSeconds { get; set; } = 120;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ReplyTokens >= ContextTokens / 2)
            yield return new ValidationResult("Sessions:ReplyTokens must be under half of Sessions:ContextTokens, or no room is left for the conversation.",
                [nameof(ReplyTokens)]);
    }
}
