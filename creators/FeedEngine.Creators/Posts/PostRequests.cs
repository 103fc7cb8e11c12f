using System.Text.Json;
using FeedEngine.Storage.Posts;

namespace FeedEngine.Creators.Posts;

/// <summary>
/// The fields of a post as the API takes them (<c>POST /api/posts</c>, <c>PUT /api/posts/{postId}</c>). On create,
/// <see cref="Title"/>, <see cref="Kind"/> and <see cref="Persona"/> are needed and the rest is optional. On update, a
/// field left out (null) keeps its saved value, and <see cref="Version"/> (the draft's <c>version</c> as last read) is
/// needed: a draft saved elsewhere since then is a 409, never overwritten. An empty <see cref="CoverImageId"/> removes the cover.
/// </summary>
public sealed record PostInput
{
    public string? Title { get; init; }
    public PostKind? Kind { get; init; }
    public string? Persona { get; init; }
    public string? Hook { get; init; }
    public string? HiddenInstructions { get; init; }
    public string? Personality { get; init; }
    public string? Scenario { get; init; }
    public string? SystemPrompt { get; init; }
    public IReadOnlyList<string>? Greetings { get; init; }
    public string? ExampleDialogue { get; init; }
    public IReadOnlyList<LoreEntryInput>? Lore { get; init; }
    public IReadOnlyList<StateVariableInput>? StateSchema { get; init; }
    public IReadOnlyList<string>? Rules { get; init; }
    public IReadOnlyList<string>? SuggestedReplies { get; init; }
    public string? CoverImageId { get; init; }
    public IReadOnlyList<string>? Tags { get; init; }
    public AgeRating? AgeRating { get; init; }
    public bool? AdEligible { get; init; }
    public string? Canon { get; init; }
    public PostVisibility? Visibility { get; init; }
    public string? CreatorNotes { get; init; }
    public long? Version { get; init; }
}

/// <summary>A lore entry: inserted into the prompt when one of its keys comes up (or always, when <see cref="AlwaysOn"/>).</summary>
/// <param name="Extras">Fields of an imported card's entry that FeedEngine keeps for export; send back what you read.</param>
public sealed record LoreEntryInput(
    string? Name,
    IReadOnlyList<string>? Keys,
    IReadOnlyList<string>? SecondaryKeys,
    string? Content,
    int Priority = 0,
    bool AlwaysOn = false,
    bool Enabled = true,
    bool Selective = false,
    int InsertionOrder = 0,
    JsonElement? Extras = null);

/// <summary>One typed state variable. <see cref="Default"/> is a JSON value: <c>100</c>, <c>true</c>, <c>"harbor"</c>, <c>["map"]</c>.</summary>
public sealed record StateVariableInput(
    string? Name,
    StateVariableType Type,
    double? Min = null,
    double? Max = null,
    IReadOnlyList<string>? AllowedValues = null,
    JsonElement? Default = null,
    bool VisibleToViewer = true,
    string? Description = null);

/// <summary>The body of <c>POST /api/posts/{postId}/rollback</c>: the earlier version to publish again.</summary>
public sealed record RollbackRequest(int ToVersion);
