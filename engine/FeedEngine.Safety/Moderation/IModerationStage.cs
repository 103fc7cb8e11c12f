namespace FeedEngine.Safety.Moderation;

/// <summary>
/// One step of moderation. Stages run in order; a redacting stage hands its redacted text to the next, and a block
/// ends the run. Stages return verdicts for expected outcomes and throw only for broken contracts.
/// </summary>
public interface IModerationStage
{
    string Name { get; }

    ValueTask<StageVerdict> EvaluateAsync(ModerationRequest request, CancellationToken cancellationToken);
}
