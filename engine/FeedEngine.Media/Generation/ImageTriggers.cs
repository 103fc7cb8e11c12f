using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
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

    /// <summary>The first of a post's styles that draws after this turn, with the reason; null when none does.</summary>
    public static (ImageStyle Style, ImageTrigger Trigger)? Pick(IReadOnlyList<ImageStyle> styles, JsonObject? before, JsonObject? after, bool viewerAsked)
    {
        foreach (var style in styles)
        {
            if (Decide(style, before, after, viewerAsked) is { } trigger)
                return (style, trigger);
        }
        return null;
    }

    /// <summary>The first of the style's characters named in <paramref name="text"/> (a whole word, any case), or null for the scene alone.</summary>
    public static CharacterLook? CharacterIn(ImageStyle style, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        return style.Characters
            .Where(c => c.Name.Trim().Length > 0)
            .Select(c => (Character: c, Match: Regex.Match(text, $@"(?<![\p{{L}}\p{{N}}]){Regex.Escape(c.Name.Trim())}(?![\p{{L}}\p{{N}}])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100))))
            .Where(m => m.Match.Success)
            .OrderBy(m => m.Match.Index)
            .Select(m => m.Character)
            .FirstOrDefault();
    }

    static JsonNode? After(JsonObject? state, string name) => state is not null && state.TryGetPropertyValue(name, out var node) ? node : null;

    static bool Changed(JsonObject? before, JsonObject? after, string name) => !JsonNode.DeepEquals(After(before, name), After(after, name));
}
