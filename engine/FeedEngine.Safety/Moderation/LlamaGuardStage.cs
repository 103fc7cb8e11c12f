using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FeedEngine.Safety.Moderation;

/// <summary>
/// The classifier stage: asks a Llama Guard 3 model (1B or 8B, served by the <c>onnx</c> or <c>openai</c> provider)
/// whether the text is safe and which of S1 to S14 it violates. Registered only when <c>Safety:Guard:Model</c> is set;
/// the host registers the guard's <see cref="IChatClient"/> under <see cref="ChatClientKey"/>.
/// </summary>
public sealed partial class LlamaGuardStage(
    IChatClient guard,
    IOptions<SafetyOptions> options,
    ILogger<LlamaGuardStage> logger) : IModerationStage
{
    public const string ChatClientKey = "guard";
    public const string BlockMessage = "This can't be shown here: it goes against the community rules. Let's try something else.";

    readonly GuardOptions settings = options.Value.Guard;

    public string Name => "llama-guard";

    public async ValueTask<StageVerdict> EvaluateAsync(ModerationRequest request, CancellationToken cancellationToken)
    {
        // A reply is judged as the agent's turn after the viewer's message; anything else as a user turn.
        var judgeReply = request.Kind is ContentKind.ModelReply or ContentKind.SponsoredReply;
        var userText = judgeReply ? request.Prompt ?? "" : request.Text;
        var agentText = judgeReply ? request.Text : null;
        List<ChatMessage> messages = settings.PromptFormat == "raw"
            ? [new(ChatRole.User, LlamaGuardPrompt.Build(userText, agentText))]
            : agentText is null
                ? [new(ChatRole.User, userText)]
                : [new(ChatRole.User, userText), new(ChatRole.Assistant, agentText)];

        string output;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(settings.TimeoutSeconds));
            var response = await guard.GetResponseAsync(messages, new ChatOptions { Temperature = 0, MaxOutputTokens = 20 }, timeout.Token);
            output = response.Text;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogGuardFailed(e.GetType().Name, e.Message);
            return Unavailable();
        }

        var answer = LlamaGuardAnswer.Parse(output);
        if (!answer.Readable)
        {
            LogGuardUnreadable(output.Length > 200 ? output[..200] : output);
            return Unavailable();
        }
        if (!answer.Unsafe) return StageVerdict.Allow;
        var categories = answer.Categories.Count > 0 ? answer.Categories : ["unsafe"];
        // Categories the platform allows are still reported (the ad selector may care), but do not block.
        if (categories.All(c => settings.AllowedCategories.Contains(c, StringComparer.OrdinalIgnoreCase)))
            return new StageVerdict(ModerationAction.Allow, categories);
        return new StageVerdict(ModerationAction.Block, categories, null, BlockMessage);
    }

    StageVerdict Unavailable() => settings.FailClosed
        ? new StageVerdict(ModerationAction.Block, [PolicyCategories.GuardUnavailable], null, "This can't be checked right now, so it isn't shown. Try again in a moment.")
        : new StageVerdict(ModerationAction.Allow, [PolicyCategories.GuardUnavailable]);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The guard model failed ({Error}: {Detail}); moderation continues without it for this text")]
    partial void LogGuardFailed(string error, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The guard model's answer could not be read: {Output}")]
    partial void LogGuardUnreadable(string output);
}
