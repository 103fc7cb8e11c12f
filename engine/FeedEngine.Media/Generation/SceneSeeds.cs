using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using FeedEngine.Storage.Posts;

namespace FeedEngine.Media.Generation;

/// <summary>
/// The seed of a post's pictures: the style's fixed seed, else one derived from the post id and the style name; a
/// character adds its own fixed seed, else one derived from the style's seed and its name. The same post, style and
/// character always start from the same noise, so they keep their look from picture to picture.
/// </summary>
public static class SceneSeeds
{
    public static long For(string postId, ImageStyle style, CharacterLook? character = null)
    {
        var styleSeed = style.Seed ?? Derive($"post\n{postId}\nstyle\n{style.Name}");
        return character is null ? styleSeed : character.Seed ?? Derive($"seed\n{styleSeed}\ncharacter\n{character.Name.Trim().ToLowerInvariant()}");
    }

    static long Derive(string text) =>
        BinaryPrimitives.ReadInt64LittleEndian(SHA256.HashData(Encoding.UTF8.GetBytes(text))) & long.MaxValue;
}
