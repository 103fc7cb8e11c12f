using System.Buffers.Binary;
using System.IO.Compression;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Bmp;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Tiff;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.PixelFormats;

namespace FeedEngine.Media.Tests.Uploads;

/// <summary>Real images made in code: a smooth picture with seeded noise, so re-encoding behaves like on a photo.</summary>
static class TestImages
{
    public static Image<Rgba32> Picture(int width, int height, int seed, bool transparent = false)
    {
        var random = new Random(seed);
        var image = new Image<Rgba32>(width, height);
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < rows.Height; y++)
            {
                var row = rows.GetRowSpan(y);
                for (var x = 0; x < row.Length; x++)
                {
                    var noise = random.Next(-24, 25);
                    row[x] = new Rgba32(
                        (byte)Math.Clamp(x * 255 / width + noise, 0, 255),
                        (byte)Math.Clamp(y * 255 / height + noise, 0, 255),
                        (byte)Math.Clamp(128 + noise * 2, 0, 255),
                        transparent && x < width / 2 ? (byte)0 : (byte)255);
                }
            }
        });
        return image;
    }

    public static byte[] Png(int width, int height, int seed = 1, bool transparent = false) =>
        Encode(Picture(width, height, seed, transparent), new PngEncoder());

    public static byte[] Jpeg(int width, int height, int seed = 1, ExifProfile? exif = null)
    {
        using var image = Picture(width, height, seed);
        image.Metadata.ExifProfile = exif;
        return Encode(image, new JpegEncoder { Quality = 90 });
    }

    public static byte[] WebP(int width, int height, int seed = 1, bool lossless = false) =>
        Encode(Picture(width, height, seed), new WebpEncoder { FileFormat = lossless ? WebpFileFormatType.Lossless : WebpFileFormatType.Lossy });

    public static byte[] Gif(int width, int height) => Encode(Picture(width, height, 2), new GifEncoder());

    public static byte[] Tiff(int width, int height) => Encode(Picture(width, height, 3), new TiffEncoder());

    public static byte[] Bmp(int width, int height) => Encode(Picture(width, height, 4), new BmpEncoder());

    /// <summary>A phone photo: GPS position, camera make and model, and an EXIF orientation.</summary>
    public static ExifProfile PhoneExif(ushort orientation = 1)
    {
        var exif = new ExifProfile();
        exif.SetValue(ExifTag.GPSLatitudeRef, "N");
        exif.SetValue(ExifTag.GPSLatitude, [new Rational(52, 1), new Rational(22, 1), new Rational(3141, 100)]);
        exif.SetValue(ExifTag.GPSLongitudeRef, "E");
        exif.SetValue(ExifTag.GPSLongitude, [new Rational(4, 1), new Rational(53, 1), new Rational(2718, 100)]);
        exif.SetValue(ExifTag.Make, "TestPhone");
        exif.SetValue(ExifTag.Model, "Leaky 12");
        exif.SetValue(ExifTag.Orientation, orientation);
        return exif;
    }

    static byte[] Encode(Image image, SixLabors.ImageSharp.Formats.IImageEncoder encoder)
    {
        using (image)
        using (var output = new MemoryStream())
        {
            image.Save(output, encoder);
            return output.ToArray();
        }
    }

    /// <summary>Writes a PNG chunk by chunk, for files no encoder would make (bombs, odd headers).</summary>
    public sealed class PngWriter
    {
        readonly MemoryStream output = new();

        public PngWriter() => output.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);

        public PngWriter Header(int width, int height, byte bitDepth = 8, byte colorType = 0)
        {
            var data = new byte[13];
            BinaryPrimitives.WriteInt32BigEndian(data, width);
            BinaryPrimitives.WriteInt32BigEndian(data.AsSpan(4), height);
            data[8] = bitDepth;
            data[9] = colorType;
            return Chunk("IHDR", data);
        }

        public PngWriter Chunk(string type, ReadOnlySpan<byte> data)
        {
            Span<byte> head = stackalloc byte[8];
            BinaryPrimitives.WriteInt32BigEndian(head, data.Length);
            System.Text.Encoding.ASCII.GetBytes(type, head[4..]);
            output.Write(head);
            output.Write(data);
            Span<byte> crc = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32.Compute(head[4..], data));
            output.Write(crc);
            return this;
        }

        public PngWriter End() => Chunk("IEND", []);

        public byte[] ToArray() => output.ToArray();
    }

    /// <summary>zlib-compresses <paramref name="zeroBytes"/> zero bytes (1000:1 or so) without holding them in memory.</summary>
    public static byte[] DeflatedZeros(long zeroBytes, int rowLength = 64 * 1024)
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var row = new byte[rowLength];
            for (var written = 0L; written < zeroBytes; written += rowLength)
                zlib.Write(row, 0, (int)Math.Min(rowLength, zeroBytes - written));
        }
        return output.ToArray();
    }
}
