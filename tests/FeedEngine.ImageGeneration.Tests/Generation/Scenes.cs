using System.Text.Json.Nodes;
using FeedEngine.Media.Generation;
using FeedEngine.Storage.Posts;

namespace FeedEngine.ImageGeneration.Tests.Generation;

/// <summary>A post's image styles and a conversation's state, as a session would pass them.</summary>
static class Scenes
{
    public static ImageStyle Scene(int width = 128, int height = 96, long? seed = null) => new()
    {
        Name = "scene",
        Prompt = "moody oil painting, storm light",
        DrawWhen = [ImageTrigger.NewLocation, ImageTrigger.OnRequest],
        SceneVariables = ["weather"],
        Seed = seed,
        Width = width,
        Height = height,
        Characters =
        [
            new CharacterLook { Name = "Maren", Description = "an old keeper in a yellow oilskin" },
            new CharacterLook { Name = "Gull", Description = "a grey gull with one black feather", Seed = 12345 },
        ],
    };

    public static ImageStyle Portrait() => new() { Name = "portrait", Prompt = "charcoal portrait", DrawWhen = [ImageTrigger.OnRequest], Width = 64, Height = 64 };

    public static JsonObject State(string location = "the lamp room", string weather = "storm") => new()
    {
        ["location"] = location,
        ["weather"] = weather,
        ["secret"] = "the keeper cut the wire",
        ["health"] = 40,
    };

    public static SceneImageRequest Request(string postId = "post-1", string? style = null, JsonObject? state = null, string? character = null, string viewer = "viewer-1", IReadOnlyList<ImageStyle>? styles = null, string? ask = null) =>
        new(postId, styles ?? [Scene(), Portrait()], style, state ?? State(), viewer, character, ask);
}
