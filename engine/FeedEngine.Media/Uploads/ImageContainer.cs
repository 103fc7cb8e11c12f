using System.Buffers.Binary;

namespace FeedEngine.Media.Uploads;

/// <summary>
/// Walks the container of a sniffed file (PNG chunks, JPEG segments, RIFF chunks) without decoding it, so a file
/// that was cut off is refused instead of being stored half grey (ImageSharp 2.x decodes truncated files leniently),
/// and an animated WebP is refused before the decoder throws on it.
/// </summary>
public static class ImageContainer
{
    /// <summary>Null when the container is complete; otherwise why the file is refused.</summary>
    public static ImageUploadFailure? Check(UploadFormat format, ReadOnlySpan<byte> data) => format switch
    {
        UploadFormat.Png => CheckPng(data),
        UploadFormat.Jpeg => CheckJpeg(data),
        _ => CheckWebP(data),
    };

    static ImageUploadFailure? CheckPng(ReadOnlySpan<byte> data)
    {
        var position = 8;
        bool seenHeader = false, seenData = false;
        while (true)
        {
            if (position + 12 > data.Length) return Truncated("PNG");
            var length = BinaryPrimitives.ReadUInt32BigEndian(data[position..]);
            var type = data.Slice(position + 4, 4);
            if (!seenHeader && !type.SequenceEqual("IHDR"u8)) return Damaged("PNG", "it does not start with an image header");
            if (!IsAsciiLetters(type)) return Damaged("PNG", "a chunk has an invalid type");
            var next = position + 12L + length;
            if (next > data.Length) return Truncated("PNG");
            seenHeader = true;
            if (type.SequenceEqual("IDAT"u8)) seenData = true;
            if (type.SequenceEqual("IEND"u8)) return seenData ? null : Damaged("PNG", "it holds no image data");
            position = (int)next;
        }
    }

    static ImageUploadFailure? CheckJpeg(ReadOnlySpan<byte> data)
    {
        var position = 2;
        while (true)
        {
            // Skip stray bytes and fill bytes up to the next marker.
            var marker = data[Math.Min(position, data.Length)..].IndexOf((byte)0xFF);
            if (marker < 0) return Truncated("JPEG");
            position += marker;
            while (position < data.Length && data[position] == 0xFF) position++;
            if (position >= data.Length) return Truncated("JPEG");
            var code = data[position++];

            if (code == 0xD9) return null; // end of image
            if (code is 0x01 or >= 0xD0 and <= 0xD8) continue; // markers without a length
            if (code == 0x00) return Damaged("JPEG", "its segments are out of order");
            if (position + 2 > data.Length) return Truncated("JPEG");
            var length = BinaryPrimitives.ReadUInt16BigEndian(data[position..]);
            if (length < 2) return Damaged("JPEG", "a segment has an impossible length");
            position += length;
            if (position > data.Length) return Truncated("JPEG");
            if (code != 0xDA) continue;

            // Entropy-coded data follows a start of scan: 0xFF is stuffed as FF 00, restart markers are FF D0-D7.
            while (true)
            {
                var ff = data[position..].IndexOf((byte)0xFF);
                if (ff < 0 || position + ff + 1 >= data.Length) return Truncated("JPEG");
                position += ff;
                var following = data[position + 1];
                if (following is 0x00 or >= 0xD0 and <= 0xD7) position += 2;
                else if (following == 0xFF) position += 1;
                else break;
            }
        }
    }

    static ImageUploadFailure? CheckWebP(ReadOnlySpan<byte> data)
    {
        if (data.Length < 20) return Truncated("WebP");
        var end = 8L + BinaryPrimitives.ReadUInt32LittleEndian(data[4..]);
        if (end > data.Length) return Truncated("WebP");

        var position = 12;
        bool animated = false, seenImage = false;
        while (position + 8 <= end)
        {
            var type = data.Slice(position, 4);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(data[(position + 4)..]);
            if (position + 8L + size > end) return Truncated("WebP");
            if (type.SequenceEqual("VP8X"u8))
            {
                if (size < 10) return Damaged("WebP", "its extended header is too short");
                animated |= (data[position + 8] & 0x02) != 0;
            }
            animated |= type.SequenceEqual("ANIM"u8) || type.SequenceEqual("ANMF"u8);
            seenImage |= type.SequenceEqual("VP8 "u8) || type.SequenceEqual("VP8L"u8);
            position += (int)(8 + size + (size & 1));
        }

        if (animated)
            return new ImageUploadFailure(ImageUploadFailureKind.UnsupportedFormat,
                "This is an animated WebP. FeedEngine accepts still images only: upload one frame as a PNG, JPEG or WebP image.");
        return seenImage ? null : Damaged("WebP", "it holds no image data");
    }

    static bool IsAsciiLetters(ReadOnlySpan<byte> type)
    {
        foreach (var b in type)
            if (!char.IsAsciiLetter((char)b)) return false;
        return true;
    }

    static ImageUploadFailure Truncated(string format) => new(ImageUploadFailureKind.Malformed,
        $"The {format} file is incomplete: it ends before its image data does (the upload or the download may have been cut off). Save or export the image again and upload it.");

    static ImageUploadFailure Damaged(string format, string why) => new(ImageUploadFailureKind.Malformed,
        $"The {format} file is damaged: {why}. Save or export the image again and upload it.");
}
