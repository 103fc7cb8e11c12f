using System.Text.Json;
using FeedEngine.Storage.Posts;

namespace FeedEngine.Creators.Posts;

/// <summary>Applies the fields of a <see cref="PostInput"/> to a draft, tidying them (trimmed text, no empty list items).</summary>
public static class PostEditing
{
    /// <summary>Copies every field <paramref name="input"/> carries onto <paramref name="draft"/>; fields left out stay as they are.</summary>
    public static void Apply(PostInput input, PostContent draft, PostProblems problems)
    {
        if (input.Title is not null) draft.Title = input.Title.Trim();
        if (input.Kind is { } kind) draft.Kind = kind;
        if (input.Persona is not null) draft.Persona = input.Persona.Trim();
        if (input.Hook is not null) draft.Hook = input.Hook.Trim();
        if (input.HiddenInstructions is not null) draft.HiddenInstructions = input.HiddenInstructions.Trim();
        if (input.Personality is not null) draft.Personality = input.Personality.Trim();
        if (input.Scenario is not null) draft.Scenario = input.Scenario.Trim();
        if (input.SystemPrompt is not null) draft.SystemPrompt = input.SystemPrompt.Trim();
        if (input.Greetings is not null) draft.Greetings = Items(input.Greetings);
        if (input.ExampleDialogue is not null) draft.ExampleDialogue = input.ExampleDialogue.Trim();
        if (input.Rules is not null) draft.Rules = Items(input.Rules);
        if (input.SuggestedReplies is not null) draft.SuggestedReplies = Items(input.SuggestedReplies);
        if (input.Tags is not null) draft.Tags = Tags(input.Tags);
        if (input.CoverImageId is not null) draft.CoverImageId = input.CoverImageId.Trim() is { Length: > 0 } cover ? cover : null;
        if (input.AgeRating is { } rating) draft.AgeRating = rating;
        if (input.AdEligible is { } adEligible) draft.AdEligible = adEligible;
        if (input.Canon is not null) draft.Canon = input.Canon.Trim();
        if (input.Visibility is { } visibility) draft.Visibility = visibility;
        if (input.CreatorNotes is not null) draft.CreatorNotes = input.CreatorNotes.Trim();
        if (input.Lore is not null) draft.Lore = [.. input.Lore.Select((e, i) => Lore(e, i, problems))];
        if (input.StateSchema is not null) draft.StateSchema = [.. input.StateSchema.Select((v, i) => State(v, i, problems))];
    }

    static LoreEntry Lore(LoreEntryInput input, int index, PostProblems problems) => new()
    {
        Name = input.Name?.Trim() ?? "",
        Keys = Keys(input.Keys),
        SecondaryKeys = Keys(input.SecondaryKeys),
        Content = input.Content?.Trim() ?? "",
        Priority = input.Priority,
        AlwaysOn = input.AlwaysOn,
        Enabled = input.Enabled,
        Selective = input.Selective,
        InsertionOrder = input.InsertionOrder,
        ExtrasJson = ObjectJson(input.Extras, $"lore[{index}].extras", PostLimits.LoreExtrasBytes, problems),
    };

    static StateVariable State(StateVariableInput input, int index, PostProblems problems)
    {
        var numeric = input.Type is StateVariableType.Int or StateVariableType.Number;
        var listed = input.Type is StateVariableType.Enum or StateVariableType.Set;
        var variable = new StateVariable
        {
            Name = input.Name?.Trim() ?? "",
            Type = input.Type,
            // Bounds and allowed values mean something for some types only; a form may send them for any.
            Min = numeric ? input.Min : null,
            Max = numeric ? input.Max : null,
            AllowedValues = listed ? Keys(input.AllowedValues) : [],
            VisibleToViewer = input.VisibleToViewer,
            Description = input.Description?.Trim() ?? "",
        };
        variable.DefaultJson = input.Default is { ValueKind: not JsonValueKind.Undefined and not JsonValueKind.Null } value
            ? value.GetRawText()
            : StateDefaults.Natural(variable);
        if (variable.DefaultJson.Length > PostLimits.TextStateDefaultLength + 64)
            problems.Add($"stateSchema[{index}].default", $"The starting value of '{variable.Name}' is too long: keep it under {PostLimits.TextStateDefaultLength:N0} characters.");
        return variable;
    }

    /// <summary>Kept-verbatim JSON must be an object of bounded size.</summary>
    public static string? ObjectJson(JsonElement? value, string field, int maxBytes, PostProblems problems)
    {
        if (value is not { } element || element.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null) return null;
        if (element.ValueKind != JsonValueKind.Object)
        {
            problems.Add(field, "Send back the JSON object you read, or leave it out.");
            return null;
        }
        var raw = element.GetRawText();
        if (raw.Length > maxBytes)
        {
            problems.Add(field, $"The kept card data is {raw.Length:N0} characters; at most {maxBytes:N0} are kept.");
            return null;
        }
        return raw;
    }

    static List<string> Items(IEnumerable<string?> items) => [.. items.Select(i => i?.Trim() ?? "").Where(i => i.Length > 0)];

    static List<string> Keys(IEnumerable<string?>? keys) =>
        keys is null ? [] : [.. Items(keys).Distinct(StringComparer.Ordinal)];

    static List<string> Tags(IEnumerable<string?> tags) => [.. Items(tags).DistinctBy(t => t.ToLowerInvariant())];
}

/// <summary>What is wrong with a post, field by field (<c>title</c>, <c>lore[1].keys</c>, <c>stateSchema[0].default</c>).</summary>
public sealed class PostProblems
{
    readonly Dictionary<string, List<string>> byField = new(StringComparer.Ordinal);

    public bool Any => byField.Count > 0;

    public int Count => byField.Values.Sum(m => m.Count);

    public void Add(string field, string message)
    {
        if (!byField.TryGetValue(field, out var messages)) byField[field] = messages = [];
        messages.Add(message);
    }

    public Dictionary<string, string[]> ToDictionary() => byField.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
}
