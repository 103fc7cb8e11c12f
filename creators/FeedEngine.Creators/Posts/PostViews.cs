using System.Text.Json;
using FeedEngine.Storage.Posts;

namespace FeedEngine.Creators.Posts;

/// <summary>
/// A post as its creator sees it: every field of the draft (what <c>PUT</c> takes back), its state of publication and
/// the token estimate of what goes into every prompt. Only ever sent to the post's creator.
/// </summary>
public sealed record PostDraft
{
    public required string PostId { get; init; }
    public required long Version { get; init; }
    public required PostStatus Status { get; init; }
    public required int PublishedVersion { get; init; }
    public DateTime? PublishedAt { get; init; }
    public required DateTime CreatedAt { get; init; }
    public required DateTime UpdatedAt { get; init; }
    public required string CreatorId { get; init; }
    public required string CreatorName { get; init; }

    public required string Title { get; init; }
    public required PostKind Kind { get; init; }
    public required string Hook { get; init; }
    public string? CoverImageId { get; init; }
    public string? CoverUrl { get; init; }
    public required string Persona { get; init; }
    public required string HiddenInstructions { get; init; }
    public required string Personality { get; init; }
    public required string Scenario { get; init; }
    public required string SystemPrompt { get; init; }
    public required IReadOnlyList<string> Greetings { get; init; }
    public required string ExampleDialogue { get; init; }
    public required IReadOnlyList<LoreEntryView> Lore { get; init; }
    public required IReadOnlyList<StateVariableView> StateSchema { get; init; }
    public required IReadOnlyList<string> Rules { get; init; }
    public required IReadOnlyList<string> SuggestedReplies { get; init; }
    public required IReadOnlyList<string> Tags { get; init; }
    public required AgeRating AgeRating { get; init; }
    public required bool AdEligible { get; init; }
    public required string Canon { get; init; }
    public required PostVisibility Visibility { get; init; }
    public required string CreatorNotes { get; init; }

    /// <summary>The unmapped parts of an imported Character Card, kept for export (a JSON object), or null.</summary>
    public JsonElement? CardExtras { get; init; }

    public required TokenUse Tokens { get; init; }

    public static PostDraft From(PostDocument post)
    {
        var d = post.Draft;
        return new PostDraft
        {
            PostId = post.Id,
            Version = post.Version,
            Status = post.Status,
            PublishedVersion = post.PublishedVersion,
            PublishedAt = post.PublishedAt,
            CreatedAt = post.CreatedAt,
            UpdatedAt = post.UpdatedAt,
            CreatorId = post.CreatorId,
            CreatorName = post.CreatorName,
            Title = d.Title,
            Kind = d.Kind,
            Hook = d.Hook,
            CoverImageId = d.CoverImageId,
            CoverUrl = PostUrls.Cover(d.CoverImageId),
            Persona = d.Persona,
            HiddenInstructions = d.HiddenInstructions,
            Personality = d.Personality,
            Scenario = d.Scenario,
            SystemPrompt = d.SystemPrompt,
            Greetings = d.Greetings,
            ExampleDialogue = d.ExampleDialogue,
            Lore = [.. d.Lore.Select(LoreEntryView.From)],
            StateSchema = [.. d.StateSchema.Select(StateVariableView.From)],
            Rules = d.Rules,
            SuggestedReplies = d.SuggestedReplies,
            Tags = d.Tags,
            AgeRating = d.AgeRating,
            AdEligible = d.AdEligible,
            Canon = d.Canon,
            Visibility = d.Visibility,
            CreatorNotes = d.CreatorNotes,
            CardExtras = JsonText.Element(d.CardExtrasJson),
            Tokens = TokenUse.Of(d),
        };
    }
}

/// <summary>Estimated tokens (about 4 characters each) of the persona and of everything sent with every reply, with their budgets.</summary>
public sealed record TokenUse(int Persona, int PersonaBudget, int AlwaysSent, int AlwaysSentBudget)
{
    public static TokenUse Of(PostContent content) =>
        new(TokenEstimate.Of(content.Persona), PostLimits.PersonaTokenBudget, TokenEstimate.AlwaysSent(content), PostLimits.AlwaysSentTokenBudget);
}

public sealed record LoreEntryView(
    string Name, IReadOnlyList<string> Keys, IReadOnlyList<string> SecondaryKeys, string Content,
    int Priority, bool AlwaysOn, bool Enabled, bool Selective, int InsertionOrder, JsonElement? Extras)
{
    public static LoreEntryView From(LoreEntry e) =>
        new(e.Name, e.Keys, e.SecondaryKeys, e.Content, e.Priority, e.AlwaysOn, e.Enabled, e.Selective, e.InsertionOrder, JsonText.Element(e.ExtrasJson));
}

public sealed record StateVariableView(
    string Name, StateVariableType Type, double? Min, double? Max, IReadOnlyList<string> AllowedValues,
    JsonElement? Default, bool VisibleToViewer, string Description)
{
    public static StateVariableView From(StateVariable v) =>
        new(v.Name, v.Type, v.Min, v.Max, v.AllowedValues, JsonText.Element(v.DefaultJson), v.VisibleToViewer, v.Description);
}

/// <summary>
/// A published post as anyone may see it: what the feed card and the conversation show. Never the persona, the
/// hidden instructions, the rules, the lore, the canon, the system prompt or state variables hidden from viewers.
/// </summary>
public sealed record PublicPost(
    string PostId,
    int Version,
    DateTime? PublishedAt,
    string Title,
    PostKind Kind,
    string Hook,
    string? CoverUrl,
    PostCreator Creator,
    IReadOnlyList<string> Greetings,
    IReadOnlyList<string> SuggestedReplies,
    IReadOnlyList<string> Tags,
    AgeRating AgeRating,
    PostVisibility Visibility,
    IReadOnlyList<PublicStateVariable> State)
{
    public static PublicPost From(PostDocument post)
    {
        var p = post.Published ?? throw new InvalidOperationException($"Post {post.Id} has no published version.");
        return new PublicPost(post.Id, post.PublishedVersion, post.PublishedAt, p.Title, p.Kind, p.Hook, PostUrls.Cover(p.CoverImageId),
            new PostCreator(post.CreatorId, post.CreatorName), p.Greetings, p.SuggestedReplies, p.Tags, p.AgeRating, p.Visibility,
            [.. p.StateSchema.Where(v => v.VisibleToViewer).Select(v => new PublicStateVariable(v.Name, v.Type, v.Min, v.Max, v.AllowedValues, JsonText.Element(v.DefaultJson), v.Description))]);
    }
}

public sealed record PostCreator(string Id, string DisplayName);

/// <summary>A state variable viewers may see, with its starting value.</summary>
public sealed record PublicStateVariable(string Name, StateVariableType Type, double? Min, double? Max, IReadOnlyList<string> AllowedValues, JsonElement? Default, string Description);

/// <summary>One line of the creator's post list.</summary>
public sealed record PostSummary(string PostId, string Title, PostKind Kind, PostStatus Status, PostVisibility Visibility, int PublishedVersion, long Version, DateTime UpdatedAt, string? CoverUrl)
{
    public static PostSummary From(PostDocument p) =>
        new(p.Id, p.Draft.Title, p.Draft.Kind, p.Status, p.Draft.Visibility, p.PublishedVersion, p.Version, p.UpdatedAt, PostUrls.Cover(p.Draft.CoverImageId));
}

public sealed record PostList(IReadOnlyList<PostSummary> Items);

/// <summary>One published version. <see cref="RestoredFrom"/> is set when it was a rollback; <see cref="Current"/> marks the live one.</summary>
public sealed record PostVersionSummary(int Number, DateTime PublishedAt, string Title, int? RestoredFrom, bool Current);

public sealed record PostVersionList(IReadOnlyList<PostVersionSummary> Items);

static class PostUrls
{
    /// <summary>The feed card variant of a cover, served by the image pipeline without a token.</summary>
    public static string? Cover(string? imageId) => imageId is null ? null : $"/images/{imageId}/card";
}

/// <summary>JSON kept as text in the store, handed to the API as JSON values.</summary>
static class JsonText
{
    public static JsonElement? Element(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return null;
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
