using FeedEngine.Storage.Posts;

namespace FeedEngine.Safety.Moderation;

/// <summary>What is being moderated; the rules differ (personal data is redacted only from model output).</summary>
public enum ContentKind { ViewerMessage, ModelReply, SponsoredReply, PostProgram, AdCreative }

/// <summary>The outcome, strongest last: a decision is the strongest of its stages'.</summary>
public enum ModerationAction { Allow, Redact, Block }

/// <summary>
/// One text to moderate and what the rules need to know about it.
/// </summary>
/// <param name="Text">The text itself.</param>
/// <param name="Kind">Viewer message, model reply, post program, ad creative.</param>
/// <param name="ViewerAge">The viewer's age in whole years, or null when unknown (guests, no birth year): treated as a child.</param>
/// <param name="Rating">The post's age rating (or the audience an ad is shown to).</param>
/// <param name="PostBlockedTopics">The post's own blocked topics, on top of the platform's.</param>
/// <param name="Prompt">For a reply: the viewer message it answers, so the guard model sees the exchange.</param>
/// <param name="SubjectId">The post, campaign or session the text belongs to, for the log.</param>
public sealed record ModerationRequest(
    string Text,
    ContentKind Kind,
    int? ViewerAge = null,
    AgeRating Rating = AgeRating.Everyone,
    IReadOnlyList<string>? PostBlockedTopics = null,
    string? Prompt = null,
    string? SubjectId = null);

/// <summary>One stage's finding: its action, the categories behind it, the redacted text when it redacted, and a message for a block.</summary>
public sealed record StageVerdict(ModerationAction Action, IReadOnlyList<string> Categories, string? RedactedText = null, string? Message = null)
{
    public static StageVerdict Allow { get; } = new(ModerationAction.Allow, []);
}

/// <summary>
/// The combined decision. <see cref="Text"/> is what may be shown: the original (allow), the redacted text (redact) or
/// empty (block, with <see cref="Message"/> to show instead). <see cref="Categories"/> lists every category any stage
/// found, also on allow (the ad selector reads them for brand safety).
/// </summary>
public sealed record ModerationDecision(ModerationAction Action, string Text, IReadOnlyList<string> Categories, string? Message)
{
    public bool Blocked => Action == ModerationAction.Block;
}

/// <summary>Category codes that are not Llama Guard's S1 to S14.</summary>
public static class PolicyCategories
{
    public const string PlatformTopic = "topic.platform";
    public const string PostTopic = "topic.post";
    public const string AgeRating = "age.rating";
    public const string MatureContent = "age.mature";
    public const string GuardUnavailable = "guard.unavailable";
}
