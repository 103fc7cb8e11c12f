using FeedEngine.Storage.Posts;

namespace FeedEngine.Engine.Posts;

/// <summary>
/// The program of one published post version, as the engine runs it: who the post is, what it knows, its typed state
/// and its rules. Immutable, like the version it was read from. Holds hidden instructions: never send it to a viewer.
/// </summary>
[GenerateSerializer, Immutable, Alias("feed.PostProgram")]
public sealed record PostProgram
{
    [Id(0)] public required string PostId { get; init; }
    [Id(1)] public int Version { get; init; }
    [Id(2)] public string Title { get; init; } = "";
    [Id(3)] public string Kind { get; init; } = "";
    [Id(4)] public string Persona { get; init; } = "";
    [Id(5)] public string HiddenInstructions { get; init; } = "";
    [Id(6)] public string[] Greetings { get; init; } = [];
    [Id(7)] public string ExampleDialogue { get; init; } = "";
    [Id(8)] public LoreRule[] Lore { get; init; } = [];
    [Id(9)] public StateVariableSpec[] StateSchema { get; init; } = [];
    [Id(10)] public string[] Rules { get; init; } = [];
    [Id(11)] public string[] SuggestedReplies { get; init; } = [];
    /// <summary><c>everyone</c>, <c>teen</c> or <c>mature</c>.</summary>
    [Id(12)] public string AgeRating { get; init; } = "";

    /// <summary><see cref="AgeRating"/> as the rating it names; null when it names none (each reader picks its own safe side).</summary>
    public Storage.Posts.AgeRating? Rating => Enum.TryParse<Storage.Posts.AgeRating>(AgeRating, ignoreCase: true, out var rating) ? rating : null;
    [Id(13)] public bool AdEligible { get; init; }
    [Id(14)] public string[] Tags { get; init; } = [];

    /// <summary>Settled facts of the post's world (its creator's canon), given to the model with what is remembered about the viewer.</summary>
    [Id(15)] public string Canon { get; init; } = "";

    /// <summary>Topics the creator keeps out of the post, moderated on top of the platform's (messages and replies).</summary>
    [Id(36)] public string[] BlockedTopics { get; init; } = [];

    public static PostProgram From(PostVersionDocument version)
    {
        var c = version.Content;
        return new PostProgram
        {
            PostId = version.PostId,
            Version = version.Number,
            Title = c.Title,
            Kind = CamelCase(c.Kind.ToString()),
            Persona = c.Persona,
            HiddenInstructions = c.HiddenInstructions,
            Greetings = [.. c.Greetings.Where(g => !string.IsNullOrWhiteSpace(g))],
            ExampleDialogue = c.ExampleDialogue,
            Lore = [.. c.Lore.Select(l => new LoreRule
            {
                Name = l.Name,
                Keys = [.. l.Keys],
                SecondaryKeys = [.. l.SecondaryKeys],
                Content = l.Content,
                Priority = l.Priority,
                AlwaysOn = l.AlwaysOn,
            })],
            StateSchema = [.. c.StateSchema.Select(v => new StateVariableSpec
            {
                Name = v.Name,
                Type = (StateValueType)v.Type,
                Min = v.Min,
                Max = v.Max,
                AllowedValues = [.. v.AllowedValues],
                DefaultJson = v.DefaultJson,
                VisibleToViewer = v.VisibleToViewer,
                Description = v.Description,
            })],
            Rules = [.. c.Rules],
            SuggestedReplies = [.. c.SuggestedReplies],
            AgeRating = CamelCase(c.AgeRating.ToString()),

            AdEligible = c.AdEligible,
            Canon = c.Canon,
            Tags = [.. c.Tags],
            BlockedTopics = [.. c.BlockedTopics],
        };
    }

    static string CamelCase(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}

/// <summary>A lore entry: inserted into the prompt when a key (and, if any, a secondary key) appears in the recent turns, or always.</summary>
[GenerateSerializer, Immutable, Alias("feed.LoreRule")]
public sealed record LoreRule
{
    [Id(0)] public string Name { get; init; } = "";
    [Id(1)] public string[] Keys { get; init; } = [];
    [Id(2)] public string[] SecondaryKeys { get; init; } = [];
    [Id(3)] public string Content { get; init; } = "";
    [Id(4)] public int Priority { get; init; }
    [Id(5)] public bool AlwaysOn { get; init; }
}

/// <summary>One typed state variable as authored, e.g. <c>health: int 0..100 = 100</c>. <see cref="State.StateSchema"/> checks it.</summary>
[GenerateSerializer, Immutable, Alias("feed.StateVariableSpec")]
public sealed record StateVariableSpec
{
    [Id(0)] public string Name { get; init; } = "";
    [Id(1)] public StateValueType Type { get; init; }
    [Id(2)] public double? Min { get; init; }
    [Id(3)] public double? Max { get; init; }
    [Id(4)] public string[] AllowedValues { get; init; } = [];
    [Id(5)] public string DefaultJson { get; init; } = "null";
    [Id(6)] public bool VisibleToViewer { get; init; } = true;
    [Id(7)] public string Description { get; init; } = "";
}

/// <summary>The types a state variable can have (the same names as the stored <see cref="StateVariableType"/>).</summary>
[GenerateSerializer]
public enum StateValueType { Int, Number, Bool, Text, Enum, Set }
