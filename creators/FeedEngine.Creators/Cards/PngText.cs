using System.Buffers.Binary;
using System.Text;

namespace FeedEngine.Creators.Cards;

/// <summary>
/// Reads and writes the <c>tEXt</c> chunks that carry Character Cards in PNG files (keyword <c>chara</c> for V2,
/// <c>ccv3</c> for V3). Walks the chunk list only: no image data is ever inflated, so a decompression bomb costs nothing here.
/// </summary>
public static class PngText
{
    public const string V2Keyword = "chara";
    public const string V3Keyword = "ccv3";
    const int MaxChunks = 100_000;

    static ReadOnlySpan<byte> Signature => [137, 80, 78, 71, 13, 10, 26, 10];

    public static bool IsPng(ReadOnlySpan<byte> data) => data.StartsWith(Signature);

    /// <summary>The card text of a PNG (the <c>ccv3</c> chunk when there is one, else <c>chara</c>), or why there is none.</summary>
    public static PngCardText FindCard(ReadOnlySpan<byte> png, int maxTextBytes)
    {
        string? chara = null, ccv3 = null;
        var offset = Signature.Length;
        for (var count = 0; ; count++)
        {
            if (count >= MaxChunks) return new(null, null, $"The PNG has more than {MaxChunks:N0} chunks; no card editor writes that. Export the card again.");
            if (offset + 12 > png.Length) return new(null, null, "The PNG ends before its last chunk (IEND): the file is cut off. Download or export it again.");
            var length = BinaryPrimitives.ReadUInt32BigEndian(png[offset..]);
            var type = png.Slice(offset + 4, 4);
            if (length > int.MaxValue || offset + 12 + (long)length > png.Length)
                return new(null, null, $"A chunk of the PNG at byte {offset:N0} claims {length:N0} bytes, more than the file holds: the file is damaged or cut off.");
            foreach (var b in type)
                if (!char.IsAsciiLetter((char)b)) return new(null, null, $"The PNG has a damaged chunk at byte {offset:N0}. Export the card again.");
            if (count == 0 && !type.SequenceEqual("IHDR"u8)) return new(null, null, "The PNG does not start with its header chunk (IHDR): it is damaged.");

            var data = png.Slice(offset + 8, (int)length);
            if (type.SequenceEqual("IEND"u8)) break;
            if (type.SequenceEqual("tEXt"u8))
            {
                var nul = data[..Math.Min(data.Length, 80)].IndexOf((byte)0);
                if (nul > 0)
                {
                    var keyword = Encoding.Latin1.GetString(data[..nul]);
                    if (keyword is V2Keyword or V3Keyword && (keyword == V2Keyword ? chara : ccv3) is null)
                    {
                        if (BinaryPrimitives.ReadUInt32BigEndian(png[(offset + 8 + (int)length)..]) != Crc32(png.Slice(offset + 4, 4 + (int)length)))
                            return new(null, null, $"The '{keyword}' text chunk of the PNG fails its checksum: the card in it is damaged. Export the card again.");
                        var text = data[(nul + 1)..];
                        if (text.Length > maxTextBytes)
                            return new(null, null, $"The card text in the PNG is {text.Length / 1024d / 1024d:0.#} MB; FeedEngine reads cards of at most {maxTextBytes / 1024d / 1024d:0.#} MB. Remove embedded images or trim the lorebook, then export it again.", TooLarge: true);
                        if (keyword == V2Keyword) chara = Encoding.Latin1.GetString(text);
                        else ccv3 = Encoding.Latin1.GetString(text);
                    }
                }
            }
            offset += 12 + (int)length;
        }
        if (ccv3 is not null) return new(V3Keyword, ccv3, null);
        if (chara is not null) return new(V2Keyword, chara, null);
        return new(null, null, "This PNG has no character card in it (no 'chara' or 'ccv3' text chunk). Export the card as PNG from your card editor, or upload its JSON.");
    }

    /// <summary>
    /// A copy of <paramref name="png"/> (a well-formed PNG) with its card chunks replaced by <paramref name="texts"/>,
    /// written just before IEND. Other chunks are kept as they are.
    /// </summary>
    public static byte[] WithText(ReadOnlySpan<byte> png, IReadOnlyList<(string Keyword, string Text)> texts)
    {
        using var output = new MemoryStream(png.Length + texts.Sum(t => t.Text.Length + t.Keyword.Length + 13));
        output.Write(Signature);
        var offset = Signature.Length;
        while (offset + 12 <= png.Length)
        {
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(png[offset..]);
            var type = png.Slice(offset + 4, 4);
            var chunk = png.Slice(offset, 12 + length);
            offset += 12 + length;
            if (type.SequenceEqual("IEND"u8))
            {
                foreach (var (keyword, text) in texts) WriteTextChunk(output, keyword, text);
                output.Write(chunk);
                break;
            }
            if (type.SequenceEqual("tEXt"u8) && IsCardKeyword(chunk[8..^4])) continue;
            output.Write(chunk);
        }
        return output.ToArray();
    }

    static bool IsCardKeyword(ReadOnlySpan<byte> data) =>
        data.StartsWith("chara\0"u8) || data.StartsWith("ccv3\0"u8);

    static void WriteTextChunk(Stream output, string keyword, string text)
    {
        var data = Encoding.Latin1.GetBytes(keyword + "\0" + text);
        Span<byte> header = stackalloc byte[8];
        BinaryPrimitives.WriteUInt32BigEndian(header, (uint)data.Length);
        "tEXt"u8.CopyTo(header[4..]);
        output.Write(header);
        output.Write(data);
        var crc = Crc32(header[4..], data);
        Span<byte> trailer = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(trailer, crc);
        output.Write(trailer);
    }

    static readonly uint[] CrcTable = BuildCrcTable();

    static uint[] BuildCrcTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            table[n] = c;
        }
        return table;
    }

    /// <summary>The PNG chunk CRC (ISO 3309) over the chunk type and data.</summary>
    public static uint Crc32(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second = default)
    {
        var c = 0xFFFFFFFFu;
        foreach (var b in first) c = CrcTable[(c ^ b) & 0xFF] ^ (c >> 8);
        foreach (var b in second) c = CrcTable[(c ^ b) & 0xFF] ^ (c >> 8);
        return c ^ 0xFFFFFFFFu;
    }
}

/// <summary>The card text found in a PNG with its keyword, or the <see cref="Problem"/> that kept it from being read.</summary>
public sealed record PngCardText(string? Keyword, string? Text, string? Problem, bool TooLarge = false);
