using System.Text.Json.Nodes;
using FeedEngine.Storage.Posts;

namespace FeedEngine.Media.Generation;

/// <summary>Decides, after a turn, whether a style draws a picture and why.</summary>
public static class ImageTriggers
{
    /// <summary>
    /// The reason to draw in <paramref name="style"/> after a turn that moved the state from <paramref name="before"/>
    /// (null at the start of a session) to <paramref name="after"/>, or null. A viewer's request wins, then a new
    /// location, then a change of a scene variable; a style draws only at the moments its <c>DrawWhen</c> lists.
    /// </summary>
    public static ImageTrigger? Decide(ImageStyle style, JsonObject? before, JsonObject? after, bool viewerAsked)
    {
        if (viewerAsked && style.DrawWhen.Contains(ImageTrigger.OnRequest))
            return ImageTrigger.OnRequest;
        if (style.DrawWhen.Contains(ImageTrigger.NewLocation) && Changed(before, after, style.LocationVariable) && After(after, style.LocationVariable) is not null)
            return ImageTrigger.NewLocation;
        if (style.DrawWhen.Contains(ImageTrigger.StateChange) && before is not null && style.SceneVariables.Any(name => Changed(before, after, name)))
            return ImageTrigger.StateChange;
        return null;
    }

    static JsonNode? After(JsonObject? state, string name) => state is not null && state.TryGetPropertyValue(name, out var node) ? node : null;

    static bool Changed(JsonObject? before, JsonObject? after, string name) => !JsonNode.DeepEquals(After(before, name), After(after, name));
}
