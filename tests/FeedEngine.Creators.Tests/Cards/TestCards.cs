using System.Buffers.Binary;
using System.Text;
using System.Text.Json.Nodes;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace FeedEngine.TestSupport;

/// <summary>
/// Character cards as card editors write them, built in code for the tests: a V2 and a V3 card with every field set,
/// and PNG files carrying a card in a tEXt chunk (written here, independently of FeedEngine's own PNG code).
/// </summary>
public static class TestCards
{
    public static JsonObject V2() => new()
    {
        ["spec"] = "chara_card_v2",
        ["spec_version"] = "2.0",
        ["data"] = Data(),
    };

    public static JsonObject V3()
    {
        var data = Data();
        data["nickname"] = "Wren";
        data["creator_notes_multilingual"] = new JsonObject { ["fr"] = "Meilleur avec des réponses courtes." };
        data["source"] = new JsonArray("https://example.test/cards/wren");
        data["group_only_greetings"] = new JsonArray("Wren waves at everyone at the table.");
        data["creation_date"] = 1_700_000_000;
        data["modification_date"] = 1_710_000_000;
        data["assets"] = new JsonArray(new JsonObject { ["type"] = "icon", ["uri"] = "ccdefault:", ["name"] = "main", ["ext"] = "png" });
        foreach (var entry in data["character_book"]!["entries"]!.AsArray()) entry!["use_regex"] = false;
        data["character_book"]!["entries"]![0]!["use_regex"] = true;
        return new JsonObject { ["spec"] = "chara_card_v3", ["spec_version"] = "3.0", ["data"] = data };
    }

    static JsonObject Data() => new()
    {
        ["name"] = "Wren the Cartographer",
        ["description"] = "{{char}} is a travelling mapmaker who has charted every coast of the Shattered Sea.",
        ["personality"] = "Curious, precise, a little vain about her handwriting.",
        ["scenario"] = "{{user}} meets {{char}} in a harbour tavern as a storm rolls in.",
        ["first_mes"] = "*Wren spreads a damp map across the table.* \"You look like someone who's lost. Good. Lost people buy maps.\"",
        ["mes_example"] = "<START>\n{{user}}: Where does this road go?\n{{char}}: Nowhere you'd want to be after dark.",
        ["creator_notes"] = "Works best with short replies. Likes questions about geography.",
        ["system_prompt"] = "Write {{char}}'s next reply in a vivid, concise style.",
        ["post_history_instructions"] = "Stay in character as {{char}}; never describe {{user}}'s actions.",
        ["alternate_greetings"] = new JsonArray("\"Careful, that ink's still wet.\"", "*Wren doesn't look up from her compass.* \"North is that way. Usually.\""),
        ["character_book"] = new JsonObject
        {
            ["name"] = "Shattered Sea",
            ["description"] = "Places Wren has mapped.",
            ["scan_depth"] = 4,
            ["token_budget"] = 512,
            ["recursive_scanning"] = false,
            ["extensions"] = new JsonObject { ["world_id"] = "sea-01" },
            ["entries"] = new JsonArray(
                new JsonObject
                {
                    ["keys"] = new JsonArray("Kessel", "kessel harbour"),
                    ["content"] = "Kessel is a harbour town built on the ribs of a whale.",
                    ["extensions"] = new JsonObject { ["depth"] = 4, ["weight"] = 10 },
                    ["enabled"] = true,
                    ["insertion_order"] = 100,
                    ["case_sensitive"] = false,
                    ["name"] = "Kessel",
                    ["priority"] = 10,
                    ["id"] = 1,
                    ["comment"] = "town",
                    ["selective"] = true,
                    ["secondary_keys"] = new JsonArray("harbour", "whale"),
                    ["constant"] = false,
                    ["position"] = "before_char",
                },
                new JsonObject
                {
                    ["keys"] = new JsonArray(),
                    ["content"] = "The Shattered Sea is full of drifting islands.",
                    ["extensions"] = new JsonObject(),
                    ["enabled"] = true,
                    ["insertion_order"] = 5,
                    ["name"] = "The sea",
                    ["constant"] = true,
                },
                new JsonObject
                {
                    ["keys"] = new JsonArray("compass"),
                    ["content"] = "Wren's compass points to whatever she wants most.",
                    ["extensions"] = new JsonObject(),
                    ["enabled"] = false,
                    ["insertion_order"] = 7,
                    ["priority"] = -3,
                    ["position"] = "after_char",
                }),
        },
        ["tags"] = new JsonArray("Fantasy", "adventure", "maps"),
        ["creator"] = "inkwell",
        ["character_version"] = "1.2",
        ["extensions"] = new JsonObject
        {
            ["talkativeness"] = "0.5",
            ["fav"] = false,
            ["depth_prompt"] = new JsonObject { ["prompt"] = "Wren hums while she draws.", ["depth"] = 4, ["role"] = "system" },
            ["chub"] = new JsonObject { ["id"] = 12345, ["full_path"] = "inkwell/wren", ["related"] = new JsonArray(1, 2.5, null, true) },
        },
    };

    public static byte[] Utf8(JsonNode card) => Encoding.UTF8.GetBytes(card.ToJsonString());

    /// <summary>A small real PNG picture (a gradient), as an editor would save a card's avatar.</summary>
    public static byte[] Picture(int width = 48, int height = 72)
    {
        using var image = new Image<Rgb24>(width, height);
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
                image[x, y] = new Rgb24((byte)(x * 5), (byte)(y * 3), 160);
        using var output = new MemoryStream();
        image.SaveAsPng(output);
        return output.ToArray();
    }

    /// <summary><paramref name="png"/> with tEXt chunks inserted right after IHDR, as card editors write them.</summary>
    public static byte[] WithTextChunks(byte[] png, params (string Keyword, string Text)[] texts)
    {
        var ihdrEnd = 8 + 12 + (int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(8));
        using var output = new MemoryStream();
        output.Write(png, 0, ihdrEnd);
        foreach (var (keyword, text) in texts) output.Write(Chunk("tEXt", Encoding.Latin1.GetBytes(keyword + "\0" + text)));
        output.Write(png, ihdrEnd, png.Length - ihdrEnd);
        return output.ToArray();
    }

    public static byte[] PngCard(JsonNode card, string keyword = "chara") =>
        WithTextChunks(Picture(), (keyword, Convert.ToBase64String(Utf8(card))));

    public static byte[] Chunk(string type, byte[] data)
    {
        var chunk = new byte[12 + data.Length];
        BinaryPrimitives.WriteUInt32BigEndian(chunk, (uint)data.Length);
        Encoding.ASCII.GetBytes(type).CopyTo(chunk, 4);
        data.CopyTo(chunk, 8);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), Crc(chunk.AsSpan(4, 4 + data.Length)));
        return chunk;
    }

    /// <summary>CRC-32 (polynomial 0xEDB88320) computed bit by bit, the slow obvious way.</summary>
    public static uint Crc(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var i = 0; i < 8; i++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
        return ~crc;
    }

    /// <summary>
    /// A "PNG bomb": a header claiming 100,000 x 100,000 pixels and a tiny compressed stream of zeros that would inflate
    /// to 40 GB, carrying a valid card.
    /// </summary>
    public static byte[] PngBomb(JsonNode card)
    {
        var ihdr = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(ihdr, 100_000);
        BinaryPrimitives.WriteUInt32BigEndian(ihdr.AsSpan(4), 100_000);
        ihdr[8] = 8; // bit depth
        ihdr[9] = 6; // RGBA
        using var compressed = new MemoryStream();
        using (var z = new System.IO.Compression.ZLibStream(compressed, System.IO.Compression.CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var zeros = new byte[1 << 20];
            for (var i = 0; i < 64; i++) z.Write(zeros);
        }
        using var output = new MemoryStream();
        output.Write([137, 80, 78, 71, 13, 10, 26, 10]);
        output.Write(Chunk("IHDR", ihdr));
        output.Write(Chunk("tEXt", Encoding.Latin1.GetBytes("chara\0" + Convert.ToBase64String(Utf8(card)))));
        output.Write(Chunk("IDAT", compressed.ToArray()));
        output.Write(Chunk("IEND", []));
        return output.ToArray();
    }
}
