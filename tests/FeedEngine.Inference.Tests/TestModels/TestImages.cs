using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace FeedEngine.Inference.Tests.TestModels;

/// <summary>Small PNG images written from scratch (no imaging library needed), and the same re-encoded as WebP or JPEG.</summary>
public static class TestImages
{
    /// <summary><see cref="Png"/> re-encoded as WebP (the format the media pipeline stores uploads in).</summary>
    public static byte[] Webp(int width, int height) => Encode(Png(width, height), new SixLabors.ImageSharp.Formats.Webp.WebpEncoder());

    /// <summary><see cref="Png"/> re-encoded as JPEG.</summary>
    public static byte[] Jpeg(int width, int height) => Encode(Png(width, height), new SixLabors.ImageSharp.Formats.Jpeg.JpegEncoder());

    static byte[] Encode(byte[] png, SixLabors.ImageSharp.Formats.IImageEncoder encoder)
    {
        using var image = SixLabors.ImageSharp.Image.Load(png);
        using var output = new MemoryStream();
        image.Save(output, encoder);
        return output.ToArray();
    }

    /// <summary>An RGB PNG of <paramref name="width"/> x <paramref name="height"/> with a colour gradient.</summary>
    public static byte[] Png(int width, int height)
    {
        var raw = new byte[height * (1 + width * 3)];
        for (var y = 0; y < height; y++)
        {
            var row = y * (1 + width * 3);
            for (var x = 0; x < width; x++)
            {
                raw[row + 1 + x * 3] = (byte)(x * 255 / Math.Max(1, width - 1));
                raw[row + 2 + x * 3] = (byte)(y * 255 / Math.Max(1, height - 1));
                raw[row + 3 + x * 3] = 128;
            }
        }
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
            zlib.Write(raw);

        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 2; // RGB
        Chunk(png, "IHDR", header);
        Chunk(png, "IDAT", compressed.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    static void Chunk(Stream png, string type, byte[] data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        png.Write(length);
        var typeAndData = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.Write(typeAndData);
        BinaryPrimitives.WriteUInt32BigEndian(length, Crc32(typeAndData));
        png.Write(length);
    }

    static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
        return ~crc;
    }
}
