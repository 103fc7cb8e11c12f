using System.Text.Json;

namespace FeedEngine.Storage.Posts;

public enum PostKind { Character, Story, Game, Quiz, ImageChat }

public enum AgeRating { Everyone, Teen, Mature }

/// <summary>Who finds a published post: public posts are in the feed; unlisted ones open from a link; private ones only for their creator.</summary>
public enum PostVisibility { Public, Unlisted, Private }

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
    public PostVisibility Visibility { get; set; }

    /// <summary>
    /// Facts about the post's world that memory treats as settled: a viewer's remembered details never contradict them.
    /// Sent to the model; never shown to viewers.
    /// </summary>
    public string Canon { get; set; } = "";

    /// <summary>The character's temperament (a Character Card's <c>personality</c>). Sent to the model.</summary>
    public string Personality { get; set; } = "";

    /// <summary>The situation the conversation starts in (a card's <c>scenario</c>). Sent to the model.</summary>
    public string Scenario { get; set; } = "";

    /// <summary>Replaces the engine's default system prompt when not empty (a card's <c>system_prompt</c>).</summary>
    public string SystemPrompt { get; set; } = "";

    /// <summary>Notes for people who use or remix the post (a card's <c>creator_notes</c>). Never sent to the model.</summary>
    public string CreatorNotes { get; set; } = "";

    /// <summary>
    /// The parts of an imported Character Card that FeedEngine has no field for (<c>extensions</c>, <c>creator</c>,
    /// <c>character_version</c>, V3 assets, the lorebook's own settings, ...), as a JSON object kept verbatim so an
    /// export gives them back. Null for posts that never came from a card.
    /// </summary>
    public string? CardExtrasJson { get; set; }

    /// <summary>Topics this post's replies must not touch, on top of the platform's (keywords or phrases).</summary>
    public List<string> BlockedTopics { get; set; } = [];

    /// <summary>How the post draws its scenes in conversations; empty: it draws none.</summary>
    public List<ImageStyle> ImageStyles { get; set; } = [];

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
    /// <summary>Higher first when entries compete for the prompt's lore budget.</summary>
    public int Priority { get; set; }

    /// <summary>Inserted in every prompt, keys or not (a card's <c>constant</c>).</summary>
    public bool AlwaysOn { get; set; }

    /// <summary>A disabled entry is kept but never inserted.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>When set, the entry fires only if one of <see cref="Keys"/> and one of <see cref="SecondaryKeys"/> appear.</summary>
    public bool Selective { get; set; }

    /// <summary>Where the entry goes among the inserted ones: lower first (a card's <c>insertion_order</c>).</summary>
    public int InsertionOrder { get; set; }

    /// <summary>An imported entry's fields FeedEngine has no property for (<c>extensions</c>, <c>position</c>, ...), as a JSON object.</summary>
    public string? ExtrasJson { get; set; }
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
