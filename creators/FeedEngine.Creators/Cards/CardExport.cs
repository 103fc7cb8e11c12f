using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FeedEngine.Creators.Posts;
using FeedEngine.Storage.Posts;

namespace FeedEngine.Creators.Cards;

/// <summary>
/// Writes a post as a Character Card V2 or V3: the mapped fields, everything kept from an imported card, and FeedEngine's
/// own fields under <c>data.extensions.feedengine</c>. Every field the specs require is present.
/// </summary>
public static class CardExport
{
    public static JsonObject ToCard(PostContent post, CardSpec spec, string creatorName)
    {
        var data = post.CardExtrasJson is { } kept && JsonNode.Parse(kept) is JsonObject extras ? extras : new JsonObject();

        data["name"] = post.Title;
        data["description"] = post.Persona;
        data["personality"] = post.Personality;
        data["scenario"] = post.Scenario;
        data["first_mes"] = post.Greetings.FirstOrDefault() ?? "";
        data["mes_example"] = post.ExampleDialogue;
        data["creator_notes"] = post.CreatorNotes;
        data["system_prompt"] = post.SystemPrompt;
        data["post_history_instructions"] = post.HiddenInstructions;
        data["alternate_greetings"] = Strings(post.Greetings.Skip(1));
        data["tags"] = Strings(post.Tags);
        if (data["creator"] is not JsonValue) data["creator"] = creatorName;
        if (data["character_version"] is not JsonValue) data["character_version"] = "";
        if (spec == CardSpec.V3 && data["group_only_greetings"] is not JsonArray) data["group_only_greetings"] = new JsonArray();

        if (post.Lore.Count > 0 || data["character_book"] is JsonObject)
        {
            var book = data["character_book"] as JsonObject ?? new JsonObject();
            if (book["extensions"] is not JsonObject) book["extensions"] = new JsonObject();
            book["entries"] = new JsonArray([.. post.Lore.Select(entry => (JsonNode)Entry(entry, spec))]);
            data["character_book"] = book;
        }

        var extensions = data["extensions"] as JsonObject ?? new JsonObject();
        extensions[FeedEngineCardExtension.Key] = JsonSerializer.SerializeToNode(new FeedEngineCardExtension
        {
            Kind = post.Kind,
            Hook = post.Hook,
            StateSchema = [.. post.StateSchema.Select(v => new StateVariableInput(v.Name, v.Type, v.Min, v.Max, v.AllowedValues,
                JsonSerializer.Deserialize<JsonElement>(v.DefaultJson), v.VisibleToViewer, v.Description))],
            Rules = post.Rules,
            SuggestedReplies = post.SuggestedReplies,
            Canon = post.Canon,
            AgeRating = post.AgeRating,
            AdEligible = post.AdEligible,
            Visibility = post.Visibility,
        }, CardJson.Options);
        data["extensions"] = extensions;

        return new JsonObject
        {
            ["spec"] = spec == CardSpec.V3 ? "chara_card_v3" : "chara_card_v2",
            ["spec_version"] = spec == CardSpec.V3 ? "3.0" : "2.0",
            ["data"] = data,
        };
    }

    public static byte[] ToJsonBytes(JsonObject card) => Encoding.UTF8.GetBytes(card.ToJsonString(CardJson.Indented));

    /// <summary>
    /// <paramref name="png"/> with the card in it: V3 in <c>ccv3</c> plus the same character as V2 in <c>chara</c> for older
    /// readers, or V2 alone. Base64 of compact UTF-8 JSON, as the specs say.
    /// </summary>
    public static byte[] ToPng(byte[] png, PostContent post, CardSpec spec, string creatorName)
    {
        var texts = new List<(string, string)>();
        if (spec == CardSpec.V3) texts.Add((PngText.V3Keyword, Base64(ToCard(post, CardSpec.V3, creatorName))));
        texts.Add((PngText.V2Keyword, Base64(ToCard(post, CardSpec.V2, creatorName))));
        return PngText.WithText(png, texts);
    }

    static string Base64(JsonObject card) => Convert.ToBase64String(Encoding.UTF8.GetBytes(card.ToJsonString(CardJson.Options)));

    static JsonObject Entry(LoreEntry entry, CardSpec spec)
    {
        var node = entry.ExtrasJson is { } kept && JsonNode.Parse(kept) is JsonObject extras ? extras : new JsonObject();
        node["keys"] = Strings(entry.Keys);
        node["content"] = entry.Content;
        if (node["extensions"] is not JsonObject) node["extensions"] = new JsonObject();
        node["enabled"] = entry.Enabled;
        node["insertion_order"] = entry.InsertionOrder;
        node["name"] = entry.Name;
        node["priority"] = entry.Priority;
        node["constant"] = entry.AlwaysOn;
        node["selective"] = entry.Selective;
        node["secondary_keys"] = Strings(entry.SecondaryKeys);
        if (spec == CardSpec.V3 && node["use_regex"] is not JsonValue) node["use_regex"] = false;
        return node;
    }

    static JsonArray Strings(IEnumerable<string> items) => new([.. items.Select(i => (JsonNode?)JsonValue.Create(i))]);
}
