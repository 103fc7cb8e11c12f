namespace FeedEngine.Inference.ImageGeneration;

/// <summary>
/// Standard normal noise from a seed: SplitMix64 for the bits, Box-Muller for the shape. A fixed algorithm rather than
/// <see cref="Random"/>, whose sequence .NET does not promise across versions. The seed decides a picture's starting
/// latents (and an ancestral scheduler's noise), so a fixed seed keeps a post's look.
/// </summary>
internal sealed class GaussianNoise(long seed)
{
    ulong state = unchecked((ulong)seed);
    double? spare;

    public float Next()
    {
        if (spare is { } kept)
        {
            spare = null;
            return (float)kept;
        }
        // Two uniforms in (0, 1]: 53 random bits each, never 0 so the logarithm is finite.
        var u1 = ((NextBits() >> 11) + 1) * (1.0 / (1UL << 53));
        var u2 = (NextBits() >> 11) * (1.0 / (1UL << 53));
        var radius = Math.Sqrt(-2.0 * Math.Log(u1));
        var angle = 2.0 * Math.PI * u2;
        spare = radius * Math.Sin(angle);
        return (float)(radius * Math.Cos(angle));
    }

    public void Fill(Span<float> values, float scale = 1f)
    {
        for (var i = 0; i < values.Length; i++)
            values[i] = Next() * scale;
    }

    ulong NextBits()
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
