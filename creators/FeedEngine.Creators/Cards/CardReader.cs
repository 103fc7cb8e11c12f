using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using FeedEngine.Creators.Posts;

namespace FeedEngine.Creators.Cards;

public enum CardSpec { V2, V3 }

/// <summary>A card file, read: its spec, its <c>data</c> object, and the PNG it came in (null for JSON files).</summary>
public sealed record CardFile(CardSpec Spec, JsonObject Data, byte[]? Png);

/// <summary>
/// Reads a Character Card V2 or V3 from the bytes of a <c>.json</c> file or a PNG carrying it in a <c>chara</c> or
/// <c>ccv3</c> text chunk. Refuses, with a message saying what to do, anything else: other formats, damaged PNGs,
/// bad base64, text that is not UTF-8, malformed or deeply nested JSON, other specs.
/// </summary>
public static class CardReader
{
    public const int MaxJsonBytes = 2 * 1024 * 1024;
    public const int MaxDepth = 64;

    /// <summary>Base64 of <see cref="MaxJsonBytes"/>.</summary>
    public const int MaxPngTextBytes = (MaxJsonBytes + 2) / 3 * 4 + 4096;

    public static PostResult<CardFile> Read(byte[] file)
    {
        if (file.Length == 0) return Malformed("The file is empty (0 bytes). Choose the card file again.");
        byte[]? png = null;
        ReadOnlySpan<byte> json;
        if (PngText.IsPng(file))
        {
            var found = PngText.FindCard(file, MaxPngTextBytes);
            if (found.Problem is { } problem)
                return found.TooLarge ? new PostError(PostErrorKind.TooLarge, "Card too large", problem) : Malformed(problem);
            if (DecodeBase64(found.Text!) is not { } decoded)
                return Malformed("The card text in the PNG is not valid base64, so the card cannot be read. The editor that wrote it may have damaged it: export the card again.");
            if (decoded.Length > MaxJsonBytes) return TooLarge(decoded.Length);
            json = decoded;
            png = file;
        }
        else
        {
            json = file;
            if (json.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) json = json[3..];
            if (json.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || json.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
                return Malformed("The card is saved as UTF-16 text. Save it as UTF-8 and upload it again.");
            var first = json.TrimStart(" \t\r\n"u8);
            if (first.StartsWith("PK\x03\x04"u8))
                return Unsupported("This looks like a CHARX (zip) card. FeedEngine imports Character Card V2 and V3 as .json or .png: export the card in one of those.");
            if (first.IsEmpty || first[0] != (byte)'{')
                return Unsupported("The file is neither a PNG nor a JSON character card. Upload a Character Card V2 or V3 as .json or .png.");
            if (json.Length > MaxJsonBytes) return TooLarge(json.Length);
        }

        if (!Utf8.IsValid(json))
            return Malformed("The card's text is not valid UTF-8 (it may be in an older encoding such as Windows-1252). Save it as UTF-8 and upload it again.");

        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { MaxDepth = MaxDepth, AllowDuplicateProperties = false });
        }
        catch (JsonException e) when (e.Message.Contains("depth", StringComparison.OrdinalIgnoreCase))
        {
            return Malformed($"The card's JSON is nested more than {MaxDepth} levels deep; no card needs that. Check the file.");
        }
        catch (JsonException e) when (e.Message.Contains("uplicate", StringComparison.Ordinal))
        {
            return Malformed($"The card's JSON has a key written twice ({Position(e)}); readers would disagree on which one counts. Check the file.");
        }
        catch (JsonException e)
        {
            return Malformed($"The card is not valid JSON ({Position(e)}). Check the file, or export it again from your card editor.");
        }
        if (root is not JsonObject card) return Malformed("The card's JSON is not an object: a card is { \"spec\": ..., \"data\": { ... } }.");

        JsonObject? data;
        try
        {
            // Touching the properties materializes the object; a key written twice shows here.
            data = card["data"] as JsonObject;
            var spec = card["spec"];
            return ReadSpec(card, spec, data, png);
        }
        catch (ArgumentException e)
        {
            return Malformed($"The card's JSON has a key written twice ({e.Message}). Check the file.");
        }
    }

    static PostResult<CardFile> ReadSpec(JsonObject card, JsonNode? specNode, JsonObject? data, byte[]? png)
    {
        var spec = specNode is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
        var version = card["spec_version"] is JsonValue v && v.TryGetValue<string>(out var versionText) ? versionText : null;
        CardSpec parsed;
        switch (spec)
        {
            case "chara_card_v2":
                parsed = CardSpec.V2;
                if (version is not null && !version.StartsWith("2.", StringComparison.Ordinal))
                    return Malformed($"The card says it is chara_card_v2 but its spec_version is '{Short(version)}'. Export it again from your card editor.");
                break;
            case "chara_card_v3":
                parsed = CardSpec.V3;
                if (version is not null && !version.StartsWith("3.", StringComparison.Ordinal))
                    return Malformed($"The card says it is chara_card_v3 but its spec_version is '{Short(version)}'. Export it again from your card editor.");
                break;
            case null when card.ContainsKey("name") && card.ContainsKey("first_mes"):
                return Malformed("This is a version 1 character card (no spec). Open it in a card editor and save it as Character Card V2 or V3, then import that.");
            case null:
                return Malformed("This JSON is not a character card: it has no \"spec\". FeedEngine imports chara_card_v2 and chara_card_v3 cards.");
            default:
                return Malformed($"The card's spec is '{Short(spec)}'. FeedEngine imports chara_card_v2 and chara_card_v3 cards.");
        }
        if (data is null) return Malformed("The card has no \"data\" object, where V2 and V3 cards keep the character. Export it again from your card editor.");
        return new CardFile(parsed, data, png);
    }

    static byte[]? DecodeBase64(string text)
    {
        var trimmed = text.Trim();
        // A few tools write the JSON itself instead of its base64.
        if (trimmed.StartsWith('{')) return Encoding.Latin1.GetBytes(trimmed);
        try
        {
            return Convert.FromBase64String(trimmed);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    static string Position(JsonException e) =>
        e.LineNumber is { } line ? $"line {line + 1}, position {(e.BytePositionInLine ?? 0) + 1}" : "unreadable";

    static string Short(string text) => text.Length <= 40 ? text : text[..40] + "…";

    static PostError Malformed(string message) => new(PostErrorKind.Invalid, "Unreadable card", message);

    static PostError Unsupported(string message) => new(PostErrorKind.Unsupported, "Not a character card", message);

    static PostError TooLarge(long length) => new(PostErrorKind.TooLarge, "Card too large",
        $"The card's JSON is {length / 1024d / 1024d:0.#} MB; FeedEngine imports cards of at most {MaxJsonBytes / 1024 / 1024} MB. Remove embedded images or trim the lorebook, then export it again.");
}
