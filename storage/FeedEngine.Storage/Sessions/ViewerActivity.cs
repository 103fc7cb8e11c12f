namespace FeedEngine.Storage.Sessions;

/// <summary>
/// The counting rules creator analytics (<c>PostAnalytics</c>) and feed ranking (<c>PostEngagementCounts</c>) share, so
/// both say the same thing: a <b>viewer turn</b> is a turn with the role <see cref="TurnRole.Viewer"/>; a viewer is
/// <b>active</b> on the UTC day a session of theirs started and on each UTC day they sent a message in it; a <b>return
/// viewer</b> was active on at least two different UTC days.
/// </summary>
public sealed class ViewerActivity
{
    readonly Dictionary<string, HashSet<DateOnly>> days = new(StringComparer.Ordinal);

    public static bool IsViewerTurn(TurnDocument turn) => turn.Role == TurnRole.Viewer;

    /// <summary>Notes that <paramref name="viewerId"/> was active at <paramref name="at"/> (a session start or a viewer turn).</summary>
    public void Add(string viewerId, DateTime at)
    {
        if (!days.TryGetValue(viewerId, out var active)) days[viewerId] = active = [];
        active.Add(DateOnly.FromDateTime(at));
    }

    /// <summary>Viewers seen at all.</summary>
    public int Viewers => days.Count;

    /// <summary>Viewers active on at least two different UTC days.</summary>
    public int ReturnViewers => days.Values.Count(d => d.Count >= 2);
}
