using FeedEngine.Media.Uploads;
using FeedEngine.Storage.Images;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.PixelFormats;

namespace FeedEngine.Creators.Cards;

/// <summary>The picture of an exported PNG card: the post's cover (its stored full variant, re-encoded as PNG) or a plain portrait.</summary>
public sealed class CardImage(IImageRepository images)
{
    /// <summary>Only the formats the upload pipeline stores; covers are at most its full size, so decoding them is bounded.</summary>
    static readonly Configuration Formats = new(new WebpConfigurationModule(), new JpegConfigurationModule(), new PngConfigurationModule());

    public async Task<byte[]> PngAsync(string? coverImageId, CancellationToken cancellationToken)
    {
        if (coverImageId is not null && await images.OpenVariantAsync(coverImageId, ImageVariantNames.Full, cancellationToken) is { } content)
        {
            await using (content.Stream)
            {
                using var cover = await Image.LoadAsync(Formats, content.Stream, cancellationToken);
                return Encode(cover);
            }
        }
        using var portrait = new Image<Rgb24>(400, 600);
        portrait.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < rows.Height; y++)
            {
                var row = rows.GetRowSpan(y);
                var shade = (byte)(40 + y * 80 / rows.Height);
                row.Fill(new Rgb24(shade, (byte)(shade / 2 + 20), (byte)(shade + 60)));
            }
        });
        return Encode(portrait);
    }

    static byte[] Encode(Image image)
    {
        using var output = new MemoryStream();
        image.Save(output, new PngEncoder { CompressionLevel = PngCompressionLevel.BestSpeed });
        return output.ToArray();
    }
}
