using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace FeedEngine.Media.Generation;

/// <summary>The cache key of a picture: a SHA-256 of everything that decides its pixels (model, size, steps, seed, prompt).</summary>
public static class SceneCacheKey
{
    public static string Of(string model, string prompt, long seed, int width, int height, int steps)
    {
        var recipe = string.Create(CultureInfo.InvariantCulture, $"feedengine-image-v1\n{model}\n{width}x{height}\n{steps}\n{seed}\n{prompt}");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(recipe)));
    }
}
