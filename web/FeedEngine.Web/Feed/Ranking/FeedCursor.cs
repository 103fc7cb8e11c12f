using System.Buffers.Binary;
using System.Buffers.Text;

namespace FeedEngine.Web.Feed.Ranking;

/// <summary>
/// An opaque position in a ranked feed: when the first page was ranked (<see cref="AsOf"/>: later posts wait for the next
/// visit) and a 32-bit hash of every post shown so far, so no later page repeats one even when the ranking moved in
/// between (a like, a follow). base64url of: version byte, ticks (8 bytes), hashes (4 bytes each).
/// </summary>
public sealed record FeedCursor(DateTime AsOf, IReadOnlyList<uint> Shown)
{
    const byte FormatVersion = 1;

    /// <summary>After this many cards the feed ends; the cursor stays a few kilobytes.</summary>
    public const int MaxShown = 1_000;

    public const int MaxEncodedLength = ((1 + 8 + 4 * MaxShown) + 2) / 3 * 4;

    public string Encode()
    {
        var bytes = new byte[1 + 8 + 4 * Shown.Count];
        bytes[0] = FormatVersion;
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(1), AsOf.Ticks);
        for (var i = 0; i < Shown.Count; i++) BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(9 + 4 * i), Shown[i]);
        return Base64Url.EncodeToString(bytes);
    }

    public FeedCursor With(IEnumerable<string> postIds) => this with { Shown = [.. Shown, .. postIds.Select(Hash)] };

    public HashSet<uint> ShownSet() => [.. Shown];

    /// <summary>FNV-1a over the id's UTF-16 code units: stable across processes and versions (string.GetHashCode is not).</summary>
    public static uint Hash(string postId)
    {
        var hash = 2166136261u;
        foreach (var c in postId)
        {
            hash ^= c;
            hash *= 16777619u;
        }
        return hash;
    }

    /// <summary>False for anything this feed did not give out: bad base64url, another format, a time in the future, a cut hash.</summary>
    public static bool TryDecode(string? text, DateTime now, out FeedCursor? cursor)
    {
        cursor = null;
        if (string.IsNullOrEmpty(text) || text.Length > MaxEncodedLength || !Base64Url.IsValid(text)) return false;
        byte[] bytes;
        try
        {
            bytes = Base64Url.DecodeFromChars(text);
        }
        catch (FormatException)
        {
            return false;
        }
        if (bytes.Length < 9 || bytes[0] != FormatVersion || (bytes.Length - 9) % 4 != 0) return false;
        var ticks = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(1));
        if (ticks < DateTime.MinValue.Ticks || ticks > now.Ticks + TimeSpan.TicksPerMinute) return false;
        var shown = new uint[(bytes.Length - 9) / 4];
        for (var i = 0; i < shown.Length; i++) shown[i] = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(9 + 4 * i));
        cursor = new FeedCursor(new DateTime(ticks, DateTimeKind.Utc), shown);
        return true;
    }
}
