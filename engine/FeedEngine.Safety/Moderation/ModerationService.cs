using Microsoft.Extensions.Logging;

namespace FeedEngine.Safety.Moderation;

/// <summary>
/// Runs the moderation stages in order and combines them into one decision: allow, redact (with the redacted text) or
/// block (with a kind message and the categories). Every decision is logged with its categories and returned, so the
/// caller can store a turn's categories for the ad selector.
/// </summary>
public sealed partial class ModerationService(IEnumerable<IModerationStage> stages, ILogger<ModerationService> logger)
{
    readonly IModerationStage[] stages = [.. stages];

    public IReadOnlyList<string> StageNames => [.. stages.Select(s => s.Name)];

    public async Task<ModerationDecision> ModerateAsync(ModerationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var text = request.Text;
        var action = ModerationAction.Allow;
        var categories = new List<string>();
        foreach (var stage in stages)
        {
            var verdict = await stage.EvaluateAsync(request with { Text = text }, cancellationToken);
            foreach (var category in verdict.Categories)
                if (!categories.Contains(category)) categories.Add(category);
            if (verdict.Action == ModerationAction.Block)
            {
                LogBlocked(request.Kind, stage.Name, string.Join(",", categories), request.SubjectId);
                return new ModerationDecision(ModerationAction.Block, "", categories, verdict.Message ?? "This can't be shown here.");
            }
            if (verdict.Action == ModerationAction.Redact && verdict.RedactedText is { } redacted)
            {
                text = redacted;
                action = ModerationAction.Redact;
            }
        }
        if (action == ModerationAction.Redact) LogRedacted(request.Kind, string.Join(",", categories), request.SubjectId);
        else LogAllowed(request.Kind, string.Join(",", categories), request.SubjectId);
        return new ModerationDecision(action, text, categories, null);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Moderation blocked a {Kind} at stage {Stage}, categories {Categories}, subject {SubjectId}")]
    partial void LogBlocked(ContentKind kind, string stage, string categories, string? subjectId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Moderation redacted a {Kind}, categories {Categories}, subject {SubjectId}")]
    partial void LogRedacted(ContentKind kind, string categories, string? subjectId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Moderation allowed a {Kind}, categories {Categories}, subject {SubjectId}")]
    partial void LogAllowed(ContentKind kind, string categories, string? subjectId);
}
