using System.Text;

namespace FeedEngine.Media.Uploads;

/// <summary>The formats the pipeline decodes. Everything else is refused before any decoder sees it.</summary>
public enum UploadFormat
{
    Png,
    Jpeg,
    WebP,
}

/// <summary>
/// Decides an upload's format from its first bytes (magic numbers), never from its file name or declared type,
/// and names what a refused file is so the message tells the person what to do.
/// </summary>
public static class ImageSniffer
{
    const string Accepted = "FeedEngine accepts PNG, JPEG and WebP images";

    static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    static ReadOnlySpan<byte> JpegSignature => [0xFF, 0xD8, 0xFF];
    static ReadOnlySpan<byte> JpegXlCodestream => [0xFF, 0x0A];
    static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    /// <summary>True for PNG, JPEG and WebP; otherwise <paramref name="refusal"/> says what the file is.</summary>
    public static bool TrySniff(ReadOnlySpan<byte> data, out UploadFormat format, out string refusal)
    {
        refusal = "";
        if (data.StartsWith(PngSignature))
            format = UploadFormat.Png;
        else if (data.StartsWith(JpegSignature))
            format = UploadFormat.Jpeg;
        else if (data.Length >= 12 && data.StartsWith("RIFF"u8) && data[8..12].SequenceEqual("WEBP"u8))
            format = UploadFormat.WebP;
        else
        {
            format = default;
            refusal = Describe(data);
            return false;
        }
        return true;
    }

    public static string ContentTypeOf(UploadFormat format) => format switch
    {
        UploadFormat.Png => "image/png",
        UploadFormat.Jpeg => "image/jpeg",
        _ => "image/webp",
    };

    static string Describe(ReadOnlySpan<byte> data)
    {
        if (Markup(data) is { } markup) return markup;
        return Other(data) is { } other
            ? $"This file is {other}. {Accepted}: convert it to one of those and upload it again."
            : $"This file is not a PNG, JPEG or WebP image (FeedEngine reads what the file contains, not its name). {Accepted}.";
    }

    static string? Other(ReadOnlySpan<byte> data)
    {
        if (data.StartsWith("GIF8"u8)) return "a GIF image";
        if (data.StartsWith("II*\0"u8) || data.StartsWith("MM\0*"u8)) return "a TIFF image";
        if (data.StartsWith("BM"u8)) return "a BMP image";
        if (data.StartsWith("\0\0\u0001\0"u8) || data.StartsWith("\0\0\u0002\0"u8)) return "an icon (ICO) file";
        if (data.StartsWith("%PDF"u8)) return "a PDF document";
        if (data.StartsWith("8BPS"u8)) return "a Photoshop (PSD) file";
        if (data.StartsWith(JpegXlCodestream) || data.StartsWith("\0\0\0\u000CJXL "u8)) return "a JPEG XL image";
        if (data.StartsWith("PK\u0003\u0004"u8)) return "a ZIP archive";
        if (data.StartsWith("RIFF"u8)) return "a RIFF file that is not WebP (audio or video)";
        if (data.Length >= 12 && data[4..8].SequenceEqual("ftyp"u8))
        {
            var brand = Encoding.ASCII.GetString(data[8..12]);
            return brand switch
            {
                "heic" or "heix" or "hevc" or "heim" or "heis" or "mif1" or "msf1" => "a HEIC/HEIF photo",
                "avif" or "avis" => "an AVIF image",
                _ => "a video or other ISO media file",
            };
        }
        return null;
    }

    /// <summary>SVG, HTML and XML: text that a browser could run scripts from if it were ever served as a document.</summary>
    static string? Markup(ReadOnlySpan<byte> data)
    {
        var head = data[..Math.Min(data.Length, 1024)];
        if (head.StartsWith(Utf8Bom)) head = head[3..];
        head = head.TrimStart(" \t\r\n\f"u8);
        if (head.IsEmpty || head[0] != (byte)'<') return null;

        var text = Encoding.ASCII.GetString(head).ToLowerInvariant();
        if (text.Contains("<svg", StringComparison.Ordinal))
            return $"This file is an SVG drawing. SVG files can carry scripts, so {Accepted} only: export it as PNG and upload that.";
        if (text.Contains("<html", StringComparison.Ordinal) || text.Contains("<!doctype html", StringComparison.Ordinal) || text.Contains("<script", StringComparison.Ordinal))
            return $"This file is an HTML document, not an image, whatever its name says. {Accepted}.";
        return $"This file is markup (XML or HTML), not an image, whatever its name says. {Accepted}.";
    }
}
