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

/// <summary>One lore entry of the editor. Keys are comma-separated; <see cref="ExtrasJson"/> carries an imported entry's extra fields.</summary>
public sealed class LoreRow
{
    public string? Name { get; set; }
    public string? Keys { get; set; }
    public string? SecondaryKeys { get; set; }
    public string? Content { get; set; }
    public string? Priority { get; set; }
    public string? InsertionOrder { get; set; }
    public bool AlwaysOn { get; set; }
    public bool Enabled { get; set; }
    public bool Selective { get; set; }
    public string? ExtrasJson { get; set; }

    public bool IsBlank => string.IsNullOrWhiteSpace(Name) && string.IsNullOrWhiteSpace(Keys) && string.IsNullOrWhiteSpace(SecondaryKeys)
        && string.IsNullOrWhiteSpace(Content) && string.IsNullOrWhiteSpace(ExtrasJson);

    public static LoreRow From(LoreEntry e) => new()
    {
        Name = e.Name,
        Keys = string.Join(", ", e.Keys),
        SecondaryKeys = string.Join(", ", e.SecondaryKeys),
        Content = e.Content,
        Priority = e.Priority.ToString(CultureInfo.InvariantCulture),
        InsertionOrder = e.InsertionOrder.ToString(CultureInfo.InvariantCulture),
        AlwaysOn = e.AlwaysOn,
        Enabled = e.Enabled,
        Selective = e.Selective,
        ExtrasJson = e.ExtrasJson,
    };

    public LoreEntryInput ToInput(int index, PostProblems problems)
    {
        JsonElement? extras = null;
        if (!string.IsNullOrWhiteSpace(ExtrasJson))
        {
            try
            {
                extras = JsonSerializer.Deserialize<JsonElement>(ExtrasJson);
            }
            catch (JsonException)
            {
                problems.Add($"lore[{index}].extras", "The kept card data of this entry was damaged in the form. Reload the post.");
            }
        }
        return new LoreEntryInput(Name, Split(Keys), Split(SecondaryKeys), Content,
            Whole(Priority, $"lore[{index}].priority", problems), AlwaysOn, Enabled, Selective,
            Whole(InsertionOrder, $"lore[{index}].insertionOrder", problems), extras);
    }

    static List<string> Split(string? text) => text is null ? [] : [.. text.Split(',').Select(t => t.Trim()).Where(t => t.Length > 0)];

    static int Whole(string? text, string field, PostProblems problems)
    {
        if (string.IsNullOrWhiteSpace(text)) return 0;
        if (int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)) return value;
        problems.Add(field, $"'{text}' is not a whole number.");
        return 0;
    }
}

/// <summary>One state variable of the editor. The starting value is written as a person would: 100, true, harbor, map, key.</summary>
public sealed class StateRow
{
    public string? Name { get; set; }
    public string? Type { get; set; }
    public string? Min { get; set; }
    public string? Max { get; set; }
    public string? AllowedValues { get; set; }
    public string? Default { get; set; }
    public bool VisibleToViewer { get; set; }
    public string? Description { get; set; }

    public bool IsBlank => string.IsNullOrWhiteSpace(Name) && string.IsNullOrWhiteSpace(Min) && string.IsNullOrWhiteSpace(Max)
        && string.IsNullOrWhiteSpace(AllowedValues) && string.IsNullOrWhiteSpace(Default) && string.IsNullOrWhiteSpace(Description);

    public static StateRow From(StateVariable v) => new()
    {
        Name = v.Name,
        Type = PostEditorForm.Name(v.Type),
        Min = v.Min is { } min ? StateDefaults.Number(min) : "",
        Max = v.Max is { } max ? StateDefaults.Number(max) : "",
        AllowedValues = string.Join(", ", v.AllowedValues),
        Default = Text(v.DefaultJson),
        VisibleToViewer = v.VisibleToViewer,
        Description = v.Description,
    };

    public StateVariableInput ToInput(int index, PostProblems problems)
    {
        var field = $"stateSchema[{index}]";
        if (!Enum.TryParse<StateVariableType>(Type, ignoreCase: true, out var type) || !Enum.IsDefined(type) || int.TryParse(Type, out _))
        {
            problems.Add($"{field}.type", "Choose the variable's type: int, number, bool, text, enum or set.");
            type = StateVariableType.Text;
        }
        return new StateVariableInput(Name, type, Number(Min, $"{field}.min", problems), Number(Max, $"{field}.max", problems),
            AllowedValues is null ? [] : [.. AllowedValues.Split(',').Select(a => a.Trim()).Where(a => a.Length > 0)],
            Json(type, Default), VisibleToViewer, Description);
    }

    /// <summary>The starting value as JSON: numbers and true/false as themselves, a set from comma-separated values, the rest as text.</summary>
    static JsonElement? Json(StateVariableType type, string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return type == StateVariableType.Text && text is not null ? JsonSerializer.SerializeToElement("") : null;
        var trimmed = text.Trim();
        switch (type)
        {
            case StateVariableType.Int or StateVariableType.Number
                when double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number):
                return JsonSerializer.SerializeToElement(number);
            case StateVariableType.Bool when bool.TryParse(trimmed, out var flag):
                return JsonSerializer.SerializeToElement(flag);
            case StateVariableType.Set:
                return JsonSerializer.SerializeToElement(trimmed.Split(',').Select(s => s.Trim()).Where(s => s.Length > 0).ToArray());
            default:
                return JsonSerializer.SerializeToElement(type == StateVariableType.Text ? text : trimmed);
        }
    }

    static string Text(string json)
    {
        using var document = JsonDocument.Parse(json);
        var value = document.RootElement;
        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString()!,
            JsonValueKind.Array => string.Join(", ", value.EnumerateArray().Select(i => i.ValueKind == JsonValueKind.String ? i.GetString() : i.GetRawText())),
            JsonValueKind.Null => "",
            _ => value.GetRawText(),
        };
    }

    static double? Number(string? text, string field, PostProblems problems)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)) return value;
        problems.Add(field, $"'{text}' is not a number.");
        return null;
    }
}
