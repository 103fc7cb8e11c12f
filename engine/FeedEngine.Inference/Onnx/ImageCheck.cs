using System.Buffers.Binary;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Webp;

namespace FeedEngine.Inference.Onnx;

/// <summary>
/// Checks image bytes before ONNX Runtime Extensions decodes them. Its JPEG decoder ends the whole process on some
/// malformed files and stalls on truncated ones, so only PNG, JPEG and WebP (what the Media pipeline stores) images of a
/// sane size pass, and
/// <see cref="ToPng"/> decodes them in managed code and hands GenAI a freshly encoded PNG (libpng reports errors).
/// The Media pipeline re-encodes uploads too; this is the second line.
/// </summary>
internal static class ImageCheck
{
    public const int MaxBytes = 20 * 1024 * 1024;
    public const int MaxSide = 8192;

    /// <exception cref="ArgumentException">The bytes are not a PNG, JPEG or WebP this provider will decode; the message says why.</exception>
    public static void Validate(ReadOnlySpan<byte> image)
    {
        if (image.Length > MaxBytes)
            throw new ArgumentException($"The image is {image.Length / 1024 / 1024} MB; at most {MaxBytes / 1024 / 1024} MB is read.");
        var (width, height) = image switch
        {
            [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, ..] => PngSize(image),
            [0xFF, 0xD8, 0xFF, ..] => JpegSize(image),
            [0x52, 0x49, 0x46, 0x46, _, _, _, _, 0x57, 0x45, 0x42, 0x50, ..] => WebpSize(image),
            _ => throw new ArgumentException("The image is neither a PNG nor a JPEG nor a WebP."),
        };
        if (width <= 0 || height <= 0 || width > MaxSide || height > MaxSide)
            throw new ArgumentException($"The image is {width} x {height} pixels; each side must be 1 to {MaxSide}.");
    }

    /// <summary>Decodes a checked image and re-encodes it as PNG (pixels only, no metadata).</summary>
    /// <exception cref="ArgumentException">The image cannot be decoded.</exception>
    public static byte[] ToPng(ReadOnlyMemory<byte> image)
    {
        var configuration = new Configuration(new PngConfigurationModule(), new JpegConfigurationModule(), new WebpConfigurationModule());
        try
        {
            using var decoded = Image.Load(configuration, image.Span);
            using var output = new MemoryStream();
            decoded.Metadata.ExifProfile = null;
            decoded.Save(output, new PngEncoder { CompressionLevel = PngCompressionLevel.BestSpeed });
            return output.ToArray();
        }
        catch (Exception e) when (e is ImageFormatException or UnknownImageFormatException or NotSupportedException)
        {
            throw new ArgumentException($"The image could not be decoded: {e.Message}", e);
        }
    }

    static (int Width, int Height) PngSize(ReadOnlySpan<byte> png)
    {
        if (png.Length < 33 || !png.Slice(12, 4).SequenceEqual("IHDR"u8))
            throw new ArgumentException("The PNG has no header chunk.");
        if (!png[^12..].Slice(4, 4).SequenceEqual("IEND"u8))
            throw new ArgumentException("The PNG is cut short (no end chunk).");
        return (BinaryPrimitives.ReadInt32BigEndian(png[16..]), BinaryPrimitives.ReadInt32BigEndian(png[20..]));
    }

    /// <summary>The RIFF length must match the bytes; ImageSharp reads the size from the VP8/VP8L/VP8X header without decoding.</summary>
    static (int Width, int Height) WebpSize(ReadOnlySpan<byte> webp)
    {
        if (BinaryPrimitives.ReadUInt32LittleEndian(webp[4..]) is var riff && (riff < 12 || riff + 8L != webp.Length))
            throw new ArgumentException("The WebP is cut short or padded (its RIFF length does not match).");
        using var stream = new MemoryStream(webp.ToArray(), writable: false);
        try
        {
            var info = Image.Identify(new Configuration(new WebpConfigurationModule()), stream)
                ?? throw new ArgumentException("The WebP's header is malformed.");
            return (info.Width, info.Height);
        }
        catch (Exception e) when (e is ImageFormatException or UnknownImageFormatException or NotSupportedException)
        {
            throw new ArgumentException($"The WebP's header is malformed: {e.Message}", e);
        }
    }

    /// <summary>Walks the marker segments up to the scan; requires a frame header and the end-of-image marker.</summary>
    static (int Width, int Height) JpegSize(ReadOnlySpan<byte> jpeg)
    {
        if (jpeg.Length < 4 || jpeg[^2] != 0xFF || jpeg[^1] != 0xD9)
            throw new ArgumentException("The JPEG is cut short (no end-of-image marker).");
        var position = 2;
        (int, int)? size = null;
        while (true)
        {
            if (position + 4 > jpeg.Length || jpeg[position] != 0xFF)
                throw new ArgumentException("The JPEG's header segments are malformed.");
            var marker = jpeg[position + 1];
            if (marker == 0xFF)
            {
                position++;
                continue;
            }
            var length = BinaryPrimitives.ReadUInt16BigEndian(jpeg[(position + 2)..]);
            if (length < 2 || position + 2 + length > jpeg.Length)
                throw new ArgumentException("The JPEG's header segments are malformed.");
            var isFrame = marker is >= 0xC0 and <= 0xCF && marker is not (0xC4 or 0xC8 or 0xCC);
            if (isFrame)
            {
                if (length < 8)
                    throw new ArgumentException("The JPEG's frame header is malformed.");
                size = (BinaryPrimitives.ReadUInt16BigEndian(jpeg[(position + 7)..]), BinaryPrimitives.ReadUInt16BigEndian(jpeg[(position + 5)..]));
                if (marker is not (0xC0 or 0xC1 or 0xC2))
                    throw new ArgumentException("Only baseline and progressive JPEGs are read.");
            }
            if (marker == 0xDA)
                return size ?? throw new ArgumentException("The JPEG has no frame header before its scan.");
            position += 2 + length;
        }
    }
}
