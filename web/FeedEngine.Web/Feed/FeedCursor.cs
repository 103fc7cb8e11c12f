using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace FeedEngine.Web.Feed;

/// <summary>An opaque position in the feed: the last card's publication time and id, base64url-encoded.</summary>
public readonly record struct FeedCursor(DateTime PublishedAt, string PostId)
{
    const int MaxLength = 200;

    public string Encode() => Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{PublishedAt.Ticks.ToString(CultureInfo.InvariantCulture)}:{PostId}"));

    public static bool TryDecode(string? text, out FeedCursor cursor)
    {
        cursor = default;
        if (string.IsNullOrEmpty(text) || text.Length > MaxLength || !Base64Url.IsValid(text)) return false;
        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text));
        }
        catch (FormatException)
        {
            return false;
        }
        var colon = decoded.IndexOf(':');
        if (colon <= 0 || colon == decoded.Length - 1) return false;
        if (!long.TryParse(decoded.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks) return false;
        var id = decoded[(colon + 1)..];
        if (id.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))) return false;
        cursor = new FeedCursor(new DateTime(ticks, DateTimeKind.Utc), id);
        return true;
    }
}
