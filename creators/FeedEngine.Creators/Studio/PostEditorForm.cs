using System.Globalization;
using System.Text.Json;
using FeedEngine.Creators.Posts;
using FeedEngine.Storage.Posts;

namespace FeedEngine.Creators.Studio;

/// <summary>
/// The studio editor's form: every field of a draft as text a browser posts back (lists one item a line, keys and
/// allowed values comma-separated, greetings, lore entries and state variables as repeatable rows). Booleans default to
/// false because an unchecked box sends nothing. <see cref="ToInput"/> turns it into the API's <see cref="PostInput"/>,
/// so the studio and the API save through the same checks.
/// </summary>
public sealed class PostEditorForm
{
    public long Version { get; set; }

    /// <summary>The button pressed: save, publish, add-lore, remove-lore-2, rollback-1, ...</summary>
    public string? Action { get; set; }

    public string? Title { get; set; }
    public string? Kind { get; set; }
    public string? Hook { get; set; }
    public string? Persona { get; set; }
    public string? Personality { get; set; }
    public string? Scenario { get; set; }
    public string? SystemPrompt { get; set; }
    public string? HiddenInstructions { get; set; }
    public string? ExampleDialogue { get; set; }
    public string? Canon { get; set; }
    public string? CreatorNotes { get; set; }
    public string? Tags { get; set; }
    public string? Rules { get; set; }
    public string? SuggestedReplies { get; set; }
    public string? AgeRating { get; set; }
    public string? Visibility { get; set; }
    public bool AdEligible { get; set; }

    /// <summary>The cover's image id (empty for none); an upload in the same post replaces it.</summary>
    public string? CoverImageId { get; set; }

    public List<string?> Greetings { get; set; } = [];
    public List<LoreRow> Lore { get; set; } = [];
    public List<StateRow> State { get; set; } = [];

    public static PostEditorForm From(PostDocument post)
    {
        var d = post.Draft;
        return new PostEditorForm
        {
            Version = post.Version,
            Title = d.Title,
            Kind = Name(d.Kind),
            Hook = d.Hook,
            Persona = d.Persona,
            Personality = d.Personality,
            Scenario = d.Scenario,
            SystemPrompt = d.SystemPrompt,
            HiddenInstructions = d.HiddenInstructions,
            ExampleDialogue = d.ExampleDialogue,
            Canon = d.Canon,
            CreatorNotes = d.CreatorNotes,
            Tags = string.Join(", ", d.Tags),
            Rules = string.Join("\n", d.Rules),
            SuggestedReplies = string.Join("\n", d.SuggestedReplies),
            AgeRating = Name(d.AgeRating),
            Visibility = Name(d.Visibility),
            AdEligible = d.AdEligible,
            CoverImageId = d.CoverImageId,
            Greetings = [.. d.Greetings],
            Lore = [.. d.Lore.Select(LoreRow.From)],
            State = [.. d.StateSchema.Select(StateRow.From)],
        };
    }

    /// <summary>Form binding leaves a list with no posted items null; this makes each an empty list again.</summary>
    public PostEditorForm Normalized()
    {
        Greetings ??= [];
        Lore ??= [];
        State ??= [];
        return this;
    }

    /// <summary>Drops rows left entirely empty (an added row never filled in), so row numbers match the saved post.</summary>
    public void RemoveBlankRows()
    {
        Greetings.RemoveAll(string.IsNullOrWhiteSpace);
        Lore.RemoveAll(r => r.IsBlank);
        State.RemoveAll(r => r.IsBlank);
    }

    /// <summary>The API input for this form; text that cannot be a number or a choice goes to <paramref name="problems"/>.</summary>
    public PostInput ToInput(PostProblems problems) => new()
    {
        Version = Version,
        Title = Title ?? "",
        Kind = Choice<PostKind>(Kind, "kind", "Choose what the post is.", problems),
        Hook = Hook ?? "",
        Persona = Persona ?? "",
        Personality = Personality ?? "",
        Scenario = Scenario ?? "",
        SystemPrompt = SystemPrompt ?? "",
        HiddenInstructions = HiddenInstructions ?? "",
        ExampleDialogue = ExampleDialogue ?? "",
        Canon = Canon ?? "",
        CreatorNotes = CreatorNotes ?? "",
        Tags = Split(Tags, ','),
        Rules = Split(Rules, '\n'),
        SuggestedReplies = Split(SuggestedReplies, '\n'),
        AgeRating = Choice<AgeRating>(AgeRating, "ageRating", "Choose an age rating.", problems),
        Visibility = Choice<PostVisibility>(Visibility, "visibility", "Choose who can find the post.", problems),
        AdEligible = AdEligible,
        CoverImageId = CoverImageId ?? "",
        Greetings = [.. Greetings.Select(g => g ?? "")],
        Lore = [.. Lore.Select((row, i) => row.ToInput(i, problems))],
        StateSchema = [.. State.Select((row, i) => row.ToInput(i, problems))],
    };

    /// <summary>
    /// Carries out the row buttons (add and remove a greeting, a lore entry or a state variable). True when
    /// <see cref="Action"/> was one of them: the form is shown again, nothing is saved.
    /// </summary>
    public bool ApplyRowAction()
    {
        switch (Action)
        {
            case "add-greeting": Greetings.Add(""); return true;
            case "add-lore": Lore.Add(new LoreRow { Enabled = true }); return true;
            case "add-state": State.Add(new StateRow { Type = "int", VisibleToViewer = true }); return true;
        }
        if (Index("remove-greeting-") is { } g && g < Greetings.Count) { Greetings.RemoveAt(g); return true; }
        if (Index("remove-lore-") is { } l && l < Lore.Count) { Lore.RemoveAt(l); return true; }
        if (Index("remove-state-") is { } s && s < State.Count) { State.RemoveAt(s); return true; }
        return false;
    }

    /// <summary>The number at the end of an action like <c>rollback-3</c>, when the action starts with <paramref name="prefix"/>.</summary>
    public int? Index(string prefix) =>
        Action is { } action && action.StartsWith(prefix, StringComparison.Ordinal)
        && int.TryParse(action.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? index : null;

    /// <summary>The top-level fields whose saved values differ from <paramref name="mine"/>: what changed elsewhere.</summary>
    public static IReadOnlyList<string> ChangedFields(PostContent saved, PostContent mine)
    {
        var savedJson = JsonSerializer.SerializeToElement(saved);
        var mineJson = JsonSerializer.SerializeToElement(mine);
        return [.. savedJson.EnumerateObject()
            .Where(p => p.Name != nameof(PostContent.CardExtrasJson) && p.Value.GetRawText() != mineJson.GetProperty(p.Name).GetRawText())
            .Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name))];
    }

    static List<string> Split(string? text, char separator) =>
        text is null ? [] : [.. text.Split(separator).Select(t => t.Trim()).Where(t => t.Length > 0)];

    static T? Choice<T>(string? text, string field, string message, PostProblems problems) where T : struct, Enum
    {
        if (Enum.TryParse<T>(text, ignoreCase: true, out var value) && Enum.IsDefined(value) && !int.TryParse(text, out _)) return value;
        problems.Add(field, message);
        return null;
    }

    public static string Name<T>(T value) where T : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());
}
