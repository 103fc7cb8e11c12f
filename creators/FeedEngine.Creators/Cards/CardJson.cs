using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using FeedEngine.Creators.Posts;
using FeedEngine.Storage.Posts;

namespace FeedEngine.Creators.Cards;

/// <summary>
/// FeedEngine's own fields in a card, under <c>data.extensions.feedengine</c> (extensions are namespaced and kept by
/// other tools), so a post exported and imported again keeps its kind, state schema, rules and settings.
/// </summary>
public sealed record FeedEngineCardExtension
{
    public const string Key = "feedengine";

    public PostKind? Kind { get; init; }
    public string? Hook { get; init; }
    public IReadOnlyList<StateVariableInput>? StateSchema { get; init; }
    public IReadOnlyList<string>? Rules { get; init; }
    public IReadOnlyList<string>? SuggestedReplies { get; init; }
    public string? Canon { get; init; }
    public AgeRating? AgeRating { get; init; }
    public bool? AdEligible { get; init; }
    public PostVisibility? Visibility { get; init; }
}

static class CardJson
{
    /// <summary>camelCase with enums as camelCase strings, like the API; readable text (no \u escapes for quotes or accents).</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        MaxDepth = CardReader.MaxDepth,
    };

    public static readonly JsonSerializerOptions Indented = new(Options) { WriteIndented = true };
}
