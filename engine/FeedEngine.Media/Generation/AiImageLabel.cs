using System.Buffers.Binary;
using System.Security;
using System.Text;

namespace FeedEngine.Media.Generation;

/// <summary>
/// Writes the AI-generated note into a PNG file, after its header: <c>tEXt</c> chunks (Description "AI-generated image",
/// Software, Source: the model) and an XMP packet (<c>iTXt</c> "XML:com.adobe.xmp") with IPTC's digital source type
/// <c>trainedAlgorithmicMedia</c>, the field photo tools and platforms read to label AI pictures. The stored document's
/// <c>AiGenerated</c> flag is the other half: the badge the client shows.
/// </summary>
public static class AiImageLabel
{
    public const string Description = "AI-generated image";
    public const string DigitalSourceType = "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia";
    public const string XmpKeyword = "XML:com.adobe.xmp";

    static ReadOnlySpan<byte> Signature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>A copy of <paramref name="png"/> with the note; throws <see cref="ArgumentException"/> for data that is not a PNG.</summary>
    public static byte[] Apply(byte[] png, string model)
    {
        if (png.Length < 33 || !png.AsSpan(0, 8).SequenceEqual(Signature) || !png.AsSpan(12, 4).SequenceEqual("IHDR"u8))
            throw new ArgumentException("Only a PNG that starts with its IHDR chunk can be labelled.", nameof(png));
        var headerEnd = 8 + 12 + BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(8));
        using var output = new MemoryStream(png.Length + 2048);
        output.Write(png, 0, headerEnd);
        WriteChunk(output, "tEXt", Text("Description", Description));
        WriteChunk(output, "tEXt", Text("Software", "FeedEngine"));
        WriteChunk(output, "tEXt", Text("Source", model));
        WriteChunk(output, "iTXt", [.. Encoding.Latin1.GetBytes(XmpKeyword), 0, 0, 0, 0, 0, .. Encoding.UTF8.GetBytes(Xmp(model))]);
        output.Write(png, headerEnd, png.Length - headerEnd);
        return output.ToArray();
    }

    static string Xmp(string model) =>
        "<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>"
        + "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
        + "<rdf:Description rdf:about=\"\" xmlns:Iptc4xmpExt=\"http://iptc.org/std/Iptc4xmpExt/2008-02-29/\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\""
        + $" Iptc4xmpExt:DigitalSourceType=\"{DigitalSourceType}\" xmp:CreatorTool=\"FeedEngine ({SecurityElement.Escape(model)})\">"
        + $"<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">{Description}</rdf:li></rdf:Alt></dc:description>"
        + "</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end=\"r\"?>";

    /// <summary>Keyword, zero, text; both Latin-1 (characters outside it become '?').</summary>
    static byte[] Text(string keyword, string value) =>
        [.. Encoding.Latin1.GetBytes(keyword), 0, .. Encoding.Latin1.GetBytes(new string(value.Select(c => c is > '\u00FF' or < ' ' ? '?' : c).ToArray()))];

    static void WriteChunk(Stream output, string type, ReadOnlySpan<byte> data)
    {
        Span<byte> buffer = stackalloc byte[8];
        BinaryPrimitives.WriteInt32BigEndian(buffer, data.Length);
        Encoding.ASCII.GetBytes(type, buffer[4..]);
        output.Write(buffer);
        output.Write(data);
        var crc = PngCrc.Update(PngCrc.Update(0xFFFFFFFFu, buffer[4..]), data) ^ 0xFFFFFFFFu;
        BinaryPrimitives.WriteUInt32BigEndian(buffer, crc);
        output.Write(buffer[..4]);
    }
}

/// <summary>The CRC-32 every PNG chunk ends with (ISO 3309, over the chunk type and data).</summary>
static class PngCrc
{
    static readonly uint[] Table = Build();

    public static uint Update(uint crc, ReadOnlySpan<byte> data)
    {
        foreach (var b in data)
            crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        return crc;
    }

    static uint[] Build()
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
