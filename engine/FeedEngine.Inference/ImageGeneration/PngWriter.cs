using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace FeedEngine.Inference.ImageGeneration;

/// <summary>
/// Writes 8-bit RGB pixels as a PNG: signature, IHDR, optional <c>tEXt</c> chunks, one zlib IDAT (each row filtered
/// with Sub, which suits smooth pictures), IEND. Deterministic: the same pixels and texts give the same bytes.
/// </summary>
internal static class PngWriter
{
    static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
    static readonly uint[] CrcTable = BuildCrcTable();

    public static byte[] EncodeRgb(ReadOnlySpan<byte> rgb, int width, int height, IEnumerable<KeyValuePair<string, string>>? texts = null)
    {
        if (width <= 0 || height <= 0 || rgb.Length != (long)width * height * 3)
            throw new ArgumentException($"{rgb.Length} bytes are not {width} x {height} RGB pixels.", nameof(rgb));
        using var output = new MemoryStream(width * height + 1024);
        output.Write(Signature);

        Span<byte> header = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header[4..], height);
        header[8] = 8; // bit depth
        header[9] = 2; // colour type: truecolour
        WriteChunk(output, "IHDR", header);

        foreach (var (keyword, value) in texts ?? [])
            WriteChunk(output, "tEXt", TextChunk(keyword, value));

        var stride = width * 3;
        var filtered = new byte[(stride + 1) * height];
        for (var y = 0; y < height; y++)
        {
            var row = rgb.Slice(y * stride, stride);
            var target = filtered.AsSpan(y * (stride + 1), stride + 1);
            target[0] = 1; // Sub: each byte minus the same channel of the pixel to its left
            for (var x = 0; x < stride; x++)
                target[x + 1] = (byte)(row[x] - (x >= 3 ? row[x - 3] : 0));
        }
        using (var compressed = new MemoryStream())
        {
            using (var zlib = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
                zlib.Write(filtered);
            WriteChunk(output, "IDAT", compressed.GetBuffer().AsSpan(0, (int)compressed.Length));
        }
        WriteChunk(output, "IEND", []);
        return output.ToArray();
    }

    /// <summary>A <c>tEXt</c> chunk's data: a Latin-1 keyword (1-79 characters), a zero byte, Latin-1 text.</summary>
    internal static byte[] TextChunk(string keyword, string value)
    {
        if (keyword.Length is < 1 or > 79 || keyword.Any(c => c > 0xFF || c < 0x20) || value.Any(c => c > 0xFF))
            throw new ArgumentException($"'{keyword}' is not a PNG text keyword with Latin-1 text.", nameof(keyword));
        return [.. Encoding.Latin1.GetBytes(keyword), 0, .. Encoding.Latin1.GetBytes(value)];
    }

    static void WriteChunk(Stream output, string type, ReadOnlySpan<byte> data)
    {
        Span<byte> buffer = stackalloc byte[8];
        BinaryPrimitives.WriteInt32BigEndian(buffer, data.Length);
        Encoding.ASCII.GetBytes(type, buffer[4..]);
        output.Write(buffer);
        output.Write(data);
        var crc = Crc(Crc(0xFFFFFFFFu, buffer[4..]), data) ^ 0xFFFFFFFFu;
        BinaryPrimitives.WriteUInt32BigEndian(buffer, crc);
        output.Write(buffer[..4]);
    }

    static uint Crc(uint crc, ReadOnlySpan<byte> data)
    {
        foreach (var b in data)
            crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        return crc;
    }

    static uint[] BuildCrcTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            table[n] = c;
        }
        return table;
    }
}
