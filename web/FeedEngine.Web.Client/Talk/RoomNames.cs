namespace FeedEngine.Web.Client.Talk;

/// <summary>
/// The names on the turns of a co-play room, one per author (by viewer id, never by name). When two people share a
/// display name (two guests are both "Guest"), the later one is "Guest 2", then "Guest 3"... in the order the room lists
/// its people (owner first, then by joining), then in the order unknown authors' messages appear; so everyone whose
/// snapshot is current sees the same names. Names are plain text, cut to <see cref="MaxLength"/> characters.
/// </summary>
public sealed class RoomNames
{
    /// <summary>The server cuts display names to 40 characters; the panel does the same for anything longer.</summary>
    public const int MaxLength = 40;

    const string Unnamed = "Participant";

    readonly Dictionary<string, string> labels = new(StringComparer.Ordinal);
    readonly HashSet<string> taken = new(StringComparer.OrdinalIgnoreCase);

    public void Clear()
    {
        labels.Clear();
        taken.Clear();
    }

    /// <summary>The name shown for <paramref name="authorId"/>, given on first sight from <paramref name="name"/>.</summary>
    public string LabelOf(string authorId, string? name)
    {
        if (labels.TryGetValue(authorId, out var known)) return known;
        var basis = Shorten(name) ?? Unnamed;
        var label = basis;
        for (var n = 2; !taken.Add(label); n++) label = $"{basis} {n}";
        labels[authorId] = label;
        return label;
    }

    static string? Shorten(string? name)
    {
        if (name is null) return null;
        var clean = new string([.. name.Where(c => !char.IsControl(c))]).Trim();
        if (clean.Length == 0) return null;
        return clean.Length <= MaxLength ? clean : clean[..(MaxLength - 1)].TrimEnd() + "…";
    }
}
