using System.Globalization;
using System.Text.Json;
using FeedEngine.Creators.Posts;
using FeedEngine.Storage.Posts;

namespace FeedEngine.Creators.Studio;

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
