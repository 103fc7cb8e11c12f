using System.Text.Json;

namespace FeedEngine.Storage.Posts;

public enum PostKind { Character, Story, Game, Quiz, ImageChat }

public enum AgeRating { Everyone, Teen, Mature }

public static class AgeRatings
{
    /// <summary>
    /// The highest rating a viewer may see: mature from 18, teen from 13, everyone-rated posts for the rest (guests, no
    /// birth year). Without a birth date, the birthday is assumed not to have come yet this year.
    /// </summary>
    public static AgeRating MaxFor(int? birthYear, DateTimeOffset now)
    {
        if (birthYear is not { } year) return AgeRating.Everyone;
        var age = now.Year - year - 1;
        return age >= 18 ? AgeRating.Mature : age >= 13 ? AgeRating.Teen : AgeRating.Everyone;
    }
}

/// <summary>What a creator authors: the program of an interactive post. Drafts change; published versions never do.</summary>
public sealed class PostContent
{
    public string Title { get; set; } = "";
    public PostKind Kind { get; set; }

    /// <summary>One line shown on the feed card to invite a viewer in.</summary>
    public string Hook { get; set; } = "";

    public string? CoverImageId { get; set; }

    /// <summary>Who the post is, in the model's words. Never sent to viewers.</summary>
    public string Persona { get; set; } = "";

    /// <summary>Instructions the model follows and viewers never receive.</summary>
    public string HiddenInstructions { get; set; } = "";

    public List<string> Greetings { get; set; } = [];
    public string ExampleDialogue { get; set; } = "";
    public List<LoreEntry> Lore { get; set; } = [];
    public List<StateVariable> StateSchema { get; set; } = [];
    public List<string> Rules { get; set; } = [];
    public List<string> SuggestedReplies { get; set; } = [];
    public List<string> Tags { get; set; } = [];
    public AgeRating AgeRating { get; set; }
    public bool AdEligible { get; set; } = true;

    /// <summary>A deep copy, so a published snapshot never shares lists with the draft it was taken from.</summary>
    internal PostContent Copy() => JsonSerializer.Deserialize<PostContent>(JsonSerializer.SerializeToUtf8Bytes(this))!;
}

/// <summary>A piece of world knowledge inserted into the prompt when its keys appear in recent turns.</summary>
public sealed class LoreEntry
{
    public string Name { get; set; } = "";
    public List<string> Keys { get; set; } = [];
    public List<string> SecondaryKeys { get; set; } = [];
    public string Content { get; set; } = "";
    public int Priority { get; set; }
    public bool AlwaysOn { get; set; }
}

public enum StateVariableType { Int, Number, Bool, Text, Enum, Set }

/// <summary>One typed variable of a post's state, e.g. <c>health: int 0..100 = 100</c>.</summary>
public sealed class StateVariable
{
    public string Name { get; set; } = "";
    public StateVariableType Type { get; set; }
    public double? Min { get; set; }
    public double? Max { get; set; }
    public List<string> AllowedValues { get; set; } = [];

    /// <summary>The starting value as JSON (<c>100</c>, <c>"harbor"</c>, <c>[]</c>).</summary>
    public string DefaultJson { get; set; } = "null";

    public bool VisibleToViewer { get; set; } = true;
    public string Description { get; set; } = "";
}
