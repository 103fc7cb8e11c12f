namespace FeedEngine.Storage.Posts;

/// <summary>When a conversation draws a scene in a style.</summary>
public enum ImageTrigger
{
    /// <summary>The state's location variable took a new value.</summary>
    NewLocation,
    /// <summary>The viewer asked for a picture.</summary>
    OnRequest,
    /// <summary>One of the style's scene variables changed.</summary>
    StateChange,
}

/// <summary>
/// How a post draws its scenes: the look (style words), what of the state goes into the picture, when to draw,
/// and a fixed seed so every picture of the post (and of each character) keeps the same look.
/// </summary>
public sealed class ImageStyle
{
    /// <summary>The name a request uses (<c>scene</c>, <c>portrait</c>); unique within the post.</summary>
    public string Name { get; set; } = "";

    /// <summary>The look, in the image model's words: "soft watercolor, muted palette, storybook illustration".</summary>
    public string Prompt { get; set; } = "";

    /// <summary>Which moments draw a picture.</summary>
    public List<ImageTrigger> DrawWhen { get; set; } = [];

    /// <summary>The state variable that names where the scene is.</summary>
    public string LocationVariable { get; set; } = "location";

    /// <summary>State variables that describe the scene (and whose changes count as <see cref="ImageTrigger.StateChange"/>).</summary>
    public List<string> SceneVariables { get; set; } = [];

    /// <summary>The seed of every picture in this style; null: a seed derived from the post id and the style name.</summary>
    public long? Seed { get; set; }

    public int Width { get; set; } = 512;
    public int Height { get; set; } = 512;

    /// <summary>The characters a picture may show, each with a fixed description (and seed) so they look the same every time.</summary>
    public List<CharacterLook> Characters { get; set; } = [];
}

/// <summary>How one character looks in every picture of a style.</summary>
public sealed class CharacterLook
{
    public string Name { get; set; } = "";

    /// <summary>"an old lighthouse keeper with a grey beard and a yellow oilskin coat".</summary>
    public string Description { get; set; } = "";

    /// <summary>This character's seed; null: derived from the style's seed and the name.</summary>
    public long? Seed { get; set; }
}
