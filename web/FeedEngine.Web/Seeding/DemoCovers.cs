using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace FeedEngine.Web.Seeding;

/// <summary>
/// Paints a cover for each sample post (a two-colour gradient with soft light discs, seeded by the post's slug),
/// so the first feed looks finished without shipping image files. Covers then pass the real upload pipeline.
/// </summary>
public static class DemoCovers
{
    static readonly Dictionary<string, (Rgba32 From, Rgba32 To)> Palettes = new()
    {
        ["lighthouse"] = (new(15, 44, 80), new(230, 160, 60)),
        ["captain-mara"] = (new(120, 50, 30), new(240, 190, 90)),
        ["night-sky-quiz"] = (new(10, 12, 40), new(70, 60, 160)),
        ["clockwork-orchard"] = (new(40, 90, 50), new(220, 190, 110)),
        ["harbor-painting"] = (new(70, 110, 150), new(250, 210, 170)),
        ["dorm-13"] = (new(20, 20, 28), new(90, 40, 90)),
    };

    public static byte[] Paint(string slug, int width = 960, int height = 540)
    {
        var (from, to) = Palettes.TryGetValue(slug, out var palette) ? palette : (new Rgba32(90, 75, 255), new Rgba32(176, 92, 255));
        var random = new Random(StableSeed(slug));
        var discs = Enumerable.Range(0, 7)
            .Select(_ => (X: random.NextSingle() * width, Y: random.NextSingle() * height, R: 40 + random.NextSingle() * 160, A: 0.10f + random.NextSingle() * 0.25f))
            .ToArray();

        using var image = new Image<Rgba32>(width, height);
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < rows.Height; y++)
            {
                var row = rows.GetRowSpan(y);
                for (var x = 0; x < row.Length; x++)
                {
                    var t = (x / (float)width * 0.6f) + (y / (float)height * 0.4f);
                    float r = Lerp(from.R, to.R, t), g = Lerp(from.G, to.G, t), b = Lerp(from.B, to.B, t);
                    foreach (var disc in discs)
                    {
                        var dx = x - disc.X;
                        var dy = y - disc.Y;
                        var d = MathF.Sqrt((dx * dx) + (dy * dy)) / disc.R;
                        if (d >= 1) continue;
                        var light = disc.A * (1 - (d * d));
                        r += (255 - r) * light;
                        g += (255 - g) * light;
                        b += (255 - b) * light;
                    }
                    row[x] = new Rgba32((byte)r, (byte)g, (byte)b);
                }
            }
        });
        using var output = new MemoryStream();
        image.SaveAsPng(output);
        return output.ToArray();
    }

    static float Lerp(byte a, byte b, float t) => a + ((b - a) * Math.Clamp(t, 0, 1));

    static int StableSeed(string text) => text.Aggregate(17, (hash, c) => unchecked((hash * 31) + c));
}
