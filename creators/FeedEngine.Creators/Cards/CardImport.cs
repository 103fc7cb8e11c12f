using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FeedEngine.Creators.Posts;
using FeedEngine.Storage.Posts;

namespace FeedEngine.Creators.Cards;

/// <summary>
/// Turns a card's <c>data</c> into a draft: name → title, description → persona, first_mes and alternate_greetings →
/// greetings, mes_example → example dialogue, post_history_instructions → hidden instructions, character_book entries →
/// lore, and personality, scenario, system_prompt, creator_notes, tags into their fields. Everything else (extensions,
/// creator, V3 assets, the lorebook's settings, unknown entry fields) is kept verbatim for export.
/// </summary>
public static partial class CardImport
{
    static readonly HashSet<string> MappedData =
    [
        "name", "description", "personality", "scenario", "first_mes", "mes_example", "creator_notes", "system_prompt",
        "post_history_instructions", "alternate_greetings", "tags",
    ];

    static readonly HashSet<string> MappedEntry =
        ["keys", "secondary_keys", "content", "enabled", "insertion_order", "priority", "constant", "selective", "name"];

    /// <summary>The draft a card describes; type errors in the card go to <paramref name="problems"/> under the card's field names.</summary>
    public static PostContent ToContent(CardFile card, PostProblems problems)
    {
        var data = card.Data;
        var firstMes = Text(data, "first_mes", problems);
        var alternates = TextList(data, "alternate_greetings", problems);
        var extension = Extension(data, problems);
        var tags = TextList(data, "tags", problems);

        var input = new PostInput
        {
            Title = Text(data, "name", problems),
            Persona = Text(data, "description", problems),
            Personality = Text(data, "personality", problems),
            Scenario = Text(data, "scenario", problems),
            Greetings = [firstMes, .. alternates],
            ExampleDialogue = Text(data, "mes_example", problems),
            SystemPrompt = Text(data, "system_prompt", problems),
            HiddenInstructions = Text(data, "post_history_instructions", problems),
            CreatorNotes = Text(data, "creator_notes", problems),
            Tags = tags,
            Lore = Lore(data, problems),
            Kind = extension?.Kind ?? PostKind.Character,
            Hook = extension?.Hook,
            StateSchema = extension?.StateSchema,
            Rules = extension?.Rules,
            SuggestedReplies = extension?.SuggestedReplies,
            Canon = extension?.Canon,
            // Cards have no rating field; a card its author tagged NSFW is for adults.
            AgeRating = extension?.AgeRating ?? (tags.Any(t => t.Equals("nsfw", StringComparison.OrdinalIgnoreCase)) ? AgeRating.Mature : AgeRating.Everyone),
            AdEligible = extension?.AdEligible,
            Visibility = extension?.Visibility,
        };
        if (string.IsNullOrWhiteSpace(input.Title)) problems.Add("data.name", "The card has no name. Give the character a name in your card editor and export it again.");

        var content = new PostContent();
        var mapped = new PostProblems();
        PostEditing.Apply(input, content, mapped);
        foreach (var (field, messages) in mapped.ToDictionary())
            foreach (var message in messages) problems.Add(CardField(field, firstMes.Trim().Length > 0), message);
        content.CardExtrasJson = Extras(data);
        return content;
    }

    /// <summary>The card field a post field came from, so import errors name what the card's author sees in their editor.</summary>
    public static string CardField(string postField, bool hasFirstMes)
    {
        var match = FieldPath().Match(postField);
        var (name, index, rest) = (match.Groups[1].Value, match.Groups[2].Success ? int.Parse(match.Groups[2].Value) : (int?)null, match.Groups[3].Value);
        string Indexed(string field, int? i) => i is null ? field : $"{field}[{i}]";
        return name switch
        {
            "title" => "data.name",
            "persona" => "data.description",
            "personality" => "data.personality",
            "scenario" => "data.scenario",
            "exampleDialogue" => "data.mes_example",
            "systemPrompt" => "data.system_prompt",
            "hiddenInstructions" => "data.post_history_instructions",
            "creatorNotes" => "data.creator_notes",
            "tags" => Indexed("data.tags", index),
            "greetings" when index is null => "data.alternate_greetings",
            "greetings" when index == 0 && hasFirstMes => "data.first_mes",
            "greetings" => $"data.alternate_greetings[{index - (hasFirstMes ? 1 : 0)}]",
            "lore" => Indexed("data.character_book.entries", index) + CardEntryField(rest),
            "cardExtras" => "data",
            _ => $"data.extensions.{FeedEngineCardExtension.Key}.{postField}",
        };
    }

    static string CardEntryField(string rest) => rest switch
    {
        ".secondaryKeys" => ".secondary_keys",
        ".alwaysOn" => ".constant",
        ".insertionOrder" => ".insertion_order",
        ".extras" => "",
        _ => rest,
    };

    [GeneratedRegex(@"^([A-Za-z]+)(?:\[(\d+)\])?(.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex FieldPath();

    static List<LoreEntryInput>? Lore(JsonObject data, PostProblems problems)
    {
        if (data["character_book"] is null) return null;
        if (data["character_book"] is not JsonObject book)
        {
            problems.Add("data.character_book", "The card's character_book must be an object with an entries list.");
            return null;
        }
        if (book["entries"] is null) return [];
        if (book["entries"] is not JsonArray entries)
        {
            problems.Add("data.character_book.entries", "The lorebook's entries must be a list.");
            return null;
        }
        var lore = new List<LoreEntryInput>(entries.Count);
        for (var i = 0; i < entries.Count; i++)
        {
            var field = $"data.character_book.entries[{i}]";
            if (entries[i] is not JsonObject entry)
            {
                problems.Add(field, "Each lorebook entry must be an object with keys and content.");
                continue;
            }
            var extras = new JsonObject();
            foreach (var (key, value) in entry)
                if (!MappedEntry.Contains(key) && !IsSpecDefault(key, value)) extras[key] = value?.DeepClone();
            lore.Add(new LoreEntryInput(
                Name: Text(entry, "name", problems, field),
                Keys: TextList(entry, "keys", problems, field),
                SecondaryKeys: TextList(entry, "secondary_keys", problems, field),
                Content: Text(entry, "content", problems, field),
                Priority: Whole(entry, "priority", problems, field),
                AlwaysOn: Flag(entry, "constant", false, problems, field),
                Enabled: Flag(entry, "enabled", true, problems, field),
                Selective: Flag(entry, "selective", false, problems, field),
                InsertionOrder: Whole(entry, "insertion_order", problems, field),
                Extras: extras.Count > 0 ? JsonSerializer.SerializeToElement(extras) : null));
        }
        return lore;
    }

    /// <summary>The card's <c>data</c> without the fields mapped onto the post; the lorebook without its entries.</summary>
    static string? Extras(JsonObject data)
    {
        var extras = new JsonObject();
        foreach (var (key, value) in data)
        {
            if (MappedData.Contains(key)) continue;
            if (key == "character_book" && value is JsonObject book)
            {
                var settings = new JsonObject();
                foreach (var (bookKey, bookValue) in book)
                    if (bookKey != "entries" && !IsSpecDefault(bookKey, bookValue)) settings[bookKey] = bookValue?.DeepClone();
                extras[key] = settings;
            }
            else if (key == "extensions" && value is JsonObject extensions)
            {
                var kept = new JsonObject();
                foreach (var (extensionKey, extensionValue) in extensions)
                    if (extensionKey != FeedEngineCardExtension.Key) kept[extensionKey] = extensionValue?.DeepClone();
                if (kept.Count > 0) extras[key] = kept;
            }
            else if (!IsSpecDefault(key, value)) extras[key] = value?.DeepClone();
        }
        return extras.Count > 0 ? extras.ToJsonString(CardJson.Options) : null;
    }

    /// <summary>Fields the specs require that hold their empty value: an export writes them again, so they need no keeping.</summary>
    static bool IsSpecDefault(string key, JsonNode? value) => key switch
    {
        "extensions" => value is JsonObject { Count: 0 },
        "group_only_greetings" => value is JsonArray { Count: 0 },
        "character_version" => value is JsonValue v && v.TryGetValue<string>(out var text) && text.Length == 0,
        "use_regex" => value is JsonValue u && u.TryGetValue<bool>(out var flag) && !flag,
        _ => false,
    };

    static FeedEngineCardExtension? Extension(JsonObject data, PostProblems problems)
    {
        if (data["extensions"] is null) return null;
        if (data["extensions"] is not JsonObject extensions)
        {
            problems.Add("data.extensions", "The card's extensions must be an object.");
            return null;
        }
        if (extensions[FeedEngineCardExtension.Key] is not { } node) return null;
        try
        {
            return node.Deserialize<FeedEngineCardExtension>(CardJson.Options);
        }
        catch (JsonException e)
        {
            problems.Add($"data.extensions.{FeedEngineCardExtension.Key}", $"FeedEngine's settings in this card cannot be read ({e.Message}). Remove data.extensions.{FeedEngineCardExtension.Key} to import the character alone.");
            return null;
        }
    }

    static string Text(JsonObject obj, string key, PostProblems problems, string parent = "data")
    {
        switch (obj[key])
        {
            case null:
                return "";
            case JsonValue value when value.TryGetValue<string>(out var text):
                return text;
            default:
                problems.Add($"{parent}.{key}", $"The card's {key} must be text (a JSON string).");
                return "";
        }
    }

    static List<string> TextList(JsonObject obj, string key, PostProblems problems, string parent = "data")
    {
        switch (obj[key])
        {
            case null:
                return [];
            case JsonArray array:
                var items = new List<string>(array.Count);
                foreach (var item in array)
                {
                    if (item is JsonValue value && value.TryGetValue<string>(out var text)) items.Add(text);
                    else if (item is not null)
                    {
                        problems.Add($"{parent}.{key}", $"The card's {key} must be a list of text values.");
                        return [];
                    }
                }
                return items;
            default:
                problems.Add($"{parent}.{key}", $"The card's {key} must be a list of text values.");
                return [];
        }
    }

    static bool Flag(JsonObject obj, string key, bool missing, PostProblems problems, string parent)
    {
        switch (obj[key])
        {
            case null:
                return missing;
            case JsonValue value when value.TryGetValue<bool>(out var flag):
                return flag;
            default:
                problems.Add($"{parent}.{key}", $"The entry's {key} must be true or false.");
                return missing;
        }
    }

    static int Whole(JsonObject obj, string key, PostProblems problems, string parent)
    {
        switch (obj[key])
        {
            case null:
                return 0;
            case JsonValue value when value.TryGetValue<double>(out var number) && Math.Abs(number) <= int.MaxValue:
                return (int)Math.Round(number);
            default:
                problems.Add($"{parent}.{key}", $"The entry's {key} must be a number.");
                return 0;
        }
    }
}
