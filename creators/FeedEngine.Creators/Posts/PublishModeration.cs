using FeedEngine.Safety.Moderation;
using FeedEngine.Safety.Reports;
using FeedEngine.Storage.Posts;
using Microsoft.Extensions.Logging;

namespace FeedEngine.Creators.Posts;

/// <summary>
/// The safety check before a draft becomes a version: a post an admin took down stays down, and the draft's text
/// (title, hook, persona, instructions, greetings, rules, lore...) goes through moderation part by part, as
/// <see cref="ContentKind.PostProgram"/> at the draft's age rating. A blocked part refuses the publish with an error
/// naming the part and the categories, and the case goes to the admin queue (once per draft version).
/// </summary>
public sealed partial class PublishModeration(ModerationService moderation, ReportService reports, ILogger<PublishModeration> logger)
{
    /// <summary>Null when the draft may be published; otherwise the refusal (nothing is published, the draft is left as it is).</summary>
    public async Task<PostError?> CheckAsync(PostDocument post, CancellationToken cancellationToken)
    {
        if (post.Takedown is { } takedown)
            return new PostError(PostErrorKind.Conflict, "Taken down by an admin",
                $"An admin took this post down ({takedown.Reason}), so it cannot be published again. See the outcome under your posts' reports.");

        var draft = post.Draft;
        if (await moderation.FirstBlockedAsync(Parts(draft), ContentKind.PostProgram, draft.AgeRating, post.Id, cancellationToken) is not { } block)
            return null;

        var message = block.Describe();
        LogRefused(logger, post.Id, block.Part.Field, string.Join(",", block.Decision.Categories));
        await reports.RecordBlockedPublishAsync(block.Decision, post.Id, post.Version, message, block.Part.Text, cancellationToken);
        var problems = new PostProblems();
        problems.Add(block.Part.Field, message + " Change it and publish again.");
        return new PostError(PostErrorKind.Invalid, "Refused by moderation",
            $"{message} Nothing was published; the draft is kept as it is. Change that part and publish again; an admin can review the decision.",
            problems.ToDictionary());
    }

    /// <summary>Everything in a draft that a viewer or the model reads, one part per field (lists joined).</summary>
    static IEnumerable<ModeratedField> Parts(PostContent draft) =>
    [
        new("title", "the title", draft.Title),
        new("hook", "the hook", draft.Hook),
        new("persona", "the persona", draft.Persona),
        new("personality", "the personality", draft.Personality),
        new("scenario", "the scenario", draft.Scenario),
        new("systemPrompt", "the system prompt", draft.SystemPrompt),
        new("hiddenInstructions", "the hidden instructions", draft.HiddenInstructions),
        new("greetings", "a greeting", string.Join("\n\n", draft.Greetings)),
        new("exampleDialogue", "the example dialogue", draft.ExampleDialogue),
        new("rules", "a rule", string.Join("\n", draft.Rules)),
        new("lore", "a lore entry", string.Join("\n\n", draft.Lore.Select(e => $"{e.Name}: {e.Content}"))),
        new("canon", "the canon", draft.Canon),
        new("suggestedReplies", "a suggested reply", string.Join("\n", draft.SuggestedReplies)),
    ];

    [LoggerMessage(Level = LogLevel.Information, Message = "Publishing post {PostId} refused by moderation: {Field} flagged {Categories}")]
    static partial void LogRefused(ILogger logger, string postId, string field, string categories);
}
