using FeedEngine.Storage.Posts;

namespace FeedEngine.Safety.Moderation;

/// <summary>One part of something authored (a post's persona, an ad's welcome line) to moderate on its own, named for the error.</summary>
/// <param name="Field">The request field, as the API names it (<c>persona</c>, <c>sponsoredInteraction.welcome</c>).</param>
/// <param name="Label">The part in words, for the message (<c>the persona</c>).</param>
public sealed record ModeratedField(string Field, string Label, string Text);

/// <summary>The first part moderation blocked, with its decision.</summary>
public sealed record FieldBlock(ModeratedField Part, ModerationDecision Decision)
{
    /// <summary>A message naming the part and the categories, e.g. "The persona was flagged by moderation: S10 (Hate)."</summary>
    public string Describe() =>
        $"{char.ToUpperInvariant(Part.Label[0])}{Part.Label[1..]} was flagged by moderation: {ModerationCategoryNames.Describe(Decision.Categories)}. {Decision.Message}".TrimEnd();
}

/// <summary>Moderation of authored content at publish or review time: each part on its own, so a refusal names the part.</summary>
public static class FieldModeration
{
    /// <summary>
    /// Moderates each non-empty part in order (as <paramref name="kind"/>, at <paramref name="rating"/>) and returns the
    /// first blocked one, or null when every part may go out. Redactions are not applied to authored content: it is
    /// the author's to change.
    /// </summary>
    public static async Task<FieldBlock?> FirstBlockedAsync(this ModerationService moderation, IEnumerable<ModeratedField> parts, ContentKind kind,
        AgeRating rating, string? subjectId, CancellationToken cancellationToken)
    {
        foreach (var part in parts)
        {
            if (string.IsNullOrWhiteSpace(part.Text)) continue;
            var decision = await moderation.ModerateAsync(new ModerationRequest(part.Text, kind, Rating: rating, SubjectId: subjectId), cancellationToken);
            if (decision.Blocked) return new FieldBlock(part, decision);
        }
        return null;
    }
}

/// <summary>Moderation category codes in words, for messages people read.</summary>
public static class ModerationCategoryNames
{
    public static string NameOf(string code) => code switch
    {
        PolicyCategories.PlatformTopic => "a topic this platform does not allow",
        PolicyCategories.PostTopic => "a topic this post blocks",
        PolicyCategories.AgeRating => "the age rating",
        PolicyCategories.MatureContent => "mature content",
        PolicyCategories.GuardUnavailable => "the classifier could not check it",
        _ when HazardCategories.IsKnown(code) => HazardCategories.NameOf(code),
        _ => code,
    };

    /// <summary>"S10 (Hate), age.mature (mature content)".</summary>
    public static string Describe(IEnumerable<string> codes)
    {
        var described = codes.Select(c => $"{c} ({NameOf(c)})").ToList();
        return described.Count == 0 ? "unsafe content" : string.Join(", ", described);
    }
}
