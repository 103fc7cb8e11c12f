using System.Buffers.Binary;
using System.Text;

namespace FeedEngine.ImageGeneration.Tests;

/// <summary>Reads a PNG's chunk list and its text chunks (tEXt, and uncompressed iTXt), to check what a file says about itself.</summary>
static class PngChunks
{
    public static IReadOnlyList<(string Type, byte[] Data)> Read(byte[] png)
    {
        Assert.True(png.AsSpan(0, 8).SequenceEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }), "Not a PNG signature.");
        var chunks = new List<(string, byte[])>();
        for (var offset = 8; offset + 12 <= png.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(offset));
            var type = Encoding.ASCII.GetString(png, offset + 4, 4);
            chunks.Add((type, png.AsSpan(offset + 8, length).ToArray()));
            offset += 12 + length;
        }
        return chunks;
    }

    public static Dictionary<string, string> Texts(byte[] png)
    {
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (type, data) in Read(png))
        {
            var zero = Array.IndexOf(data, (byte)0);
            if (type == "tEXt")
            {
                texts[Encoding.Latin1.GetString(data, 0, zero)] = Encoding.Latin1.GetString(data, zero + 1, data.Length - zero - 1);
            }
            else if (type == "iTXt" && data[zero + 1] == 0)
            {
                // keyword \0 compression-flag compression-method language \0 translated \0 text
                var language = Array.IndexOf(data, (byte)0, zero + 3);
                var translated = Array.IndexOf(data, (byte)0, language + 1);
                texts[Encoding.Latin1.GetString(data, 0, zero)] = Encoding.UTF8.GetString(data, translated + 1, data.Length - translated - 1);
            }
        }
        return texts;
    }
}
