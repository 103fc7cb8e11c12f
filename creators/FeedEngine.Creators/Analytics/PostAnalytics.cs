using FeedEngine.Storage.Sessions;

namespace FeedEngine.Creators.Analytics;

/// <summary>
/// A post's analytics, for all versions together and per published version, computed from its stored sessions and
/// turns. Studio previews are left out. Definitions (the API and the page say the same):
/// <list type="bullet">
/// <item>a <b>turn</b> is one viewer message; <b>turns per session</b> is viewer messages over sessions started;</item>
/// <item>the <b>funnel</b> counts sessions that reached at least N viewer turns;</item>
/// <item><b>left after</b> counts sessions by their last viewer turn (0: opened, never wrote);</item>
/// <item>a <b>return viewer</b> was active (a session started or a message sent) on at least two different UTC days;</item>
/// <item>a <b>regenerated reply</b> is a post reply that follows another post reply with no viewer message between
/// (the same message answered again); the <b>regenerate rate</b> is regenerated replies over post replies;</item>
/// <item>a <b>sponsored turn</b> has the role <c>sponsor</c> or the sponsored flag; a sponsored turn is <b>engaged</b> when
/// the next turn of its session is a viewer message.</item>
/// <item><b>views</b> count viewers shown the post's feed card and <b>opens</b> viewers who opened its conversation from
/// the feed, each once per viewer per UTC day (<c>PostViewDocument</c>); the funnel reads views -> opens -> sessions -> turns.</item>
/// </list>
/// </summary>
public static class PostAnalytics
{
    public static readonly int[] FunnelSteps = [1, 2, 3, 5, 10, 20];

    /// <summary>Sessions by their last viewer turn are bucketed 0..9 and "10 or more".</summary>
    public const int LeaveBuckets = 10;

    public static PostAnalyticsReport Compute(string postId, IEnumerable<SessionDocument> sessions, IEnumerable<TurnDocument> turns, DateTime computedAt, bool truncated = false,
        PostReach? reach = null)
    {
        reach ??= PostReach.None;
        var counted = sessions.Where(s => !s.Preview && s.PostId == postId).ToList();
        var ids = counted.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var bySession = turns.Where(t => ids.Contains(t.SessionId))
            .GroupBy(t => t.SessionId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(t => t.Seq).ToList(), StringComparer.Ordinal);
        List<TurnDocument> TurnsOf(SessionDocument s) => bySession.GetValueOrDefault(s.Id) ?? [];

        return new PostAnalyticsReport(
            postId,
            computedAt,
            counted.Count,
            truncated,
            Figures(counted, TurnsOf) with { Views = reach.All.Views, Opens = reach.All.Opens },
            [.. counted.Select(s => s.PostVersion).Concat(reach.ByVersion.Keys).Distinct().Order().Select(version =>
            {
                var counts = reach.ByVersion.GetValueOrDefault(version, ViewCounts.Zero);
                return new VersionAnalytics(version, Figures([.. counted.Where(s => s.PostVersion == version)], TurnsOf) with { Views = counts.Views, Opens = counts.Opens });
            })]);
    }

    static AnalyticsFigures Figures(List<SessionDocument> sessions, Func<SessionDocument, List<TurnDocument>> turnsOf)
    {
        var viewerTurns = sessions.ToDictionary(s => s.Id, s => turnsOf(s).Count(ViewerActivity.IsViewerTurn), StringComparer.Ordinal);
        var totalTurns = viewerTurns.Values.Sum();

        var funnel = FunnelSteps.Select(n => new FunnelStep(n, viewerTurns.Values.Count(c => c >= n))).ToList();
        var left = Enumerable.Range(0, LeaveBuckets + 1)
            .Select(n => new LeaveStep(n, n < LeaveBuckets ? viewerTurns.Values.Count(c => c == n) : viewerTurns.Values.Count(c => c >= LeaveBuckets), n == LeaveBuckets))
            .ToList();

        // The rules feed ranking counts by too (FeedEngine.Storage.Sessions.ViewerActivity).
        var activity = new ViewerActivity();
        foreach (var session in sessions)
        {
            activity.Add(session.OwnerId, session.CreatedAt);
            foreach (var turn in turnsOf(session).Where(ViewerActivity.IsViewerTurn)) activity.Add(session.OwnerId, turn.CreatedAt);
        }

        int replies = 0, regenerated = 0, sponsoredTurns = 0, engaged = 0, sessionsWithSponsored = 0;
        foreach (var session in sessions)
        {
            var list = turnsOf(session);
            TurnRole? previousNonSponsor = null;
            var hadSponsored = false;
            for (var i = 0; i < list.Count; i++)
            {
                var turn = list[i];
                if (IsSponsored(turn))
                {
                    hadSponsored = true;
                    sponsoredTurns++;
                    if (i + 1 < list.Count && list[i + 1].Role == TurnRole.Viewer) engaged++;
                    continue;
                }
                if (turn.Role == TurnRole.Post)
                {
                    replies++;
                    if (previousNonSponsor == TurnRole.Post) regenerated++;
                }
                previousNonSponsor = turn.Role;
            }
            if (hadSponsored) sessionsWithSponsored++;
        }

        return new AnalyticsFigures(
            SessionsStarted: sessions.Count,
            Viewers: activity.Viewers,
            ReturnViewers: activity.ReturnViewers,
            ViewerTurns: totalTurns,
            TurnsPerSession: Ratio(totalTurns, sessions.Count),
            Funnel: funnel,
            LeftAfter: left,
            Replies: replies,
            RegeneratedReplies: regenerated,
            RegenerateRate: Ratio(regenerated, replies),
            SessionsWithSponsoredTurn: sessionsWithSponsored,
            SponsoredSessionShare: Ratio(sessionsWithSponsored, sessions.Count),
            SponsoredTurns: sponsoredTurns,
            SponsoredTurnsEngaged: engaged,
            SponsoredEngagementRate: Ratio(engaged, sponsoredTurns));
    }

    static bool IsSponsored(TurnDocument turn) => turn.Role == TurnRole.Sponsor || turn.Sponsored;

    static double Ratio(int part, int whole) => whole == 0 ? 0 : Math.Round((double)part / whole, 4);
}

/// <summary>A post's analytics: all versions together, then each version that has sessions.</summary>
public sealed record PostAnalyticsReport(
    string PostId,
    DateTime ComputedAt,
    int SessionsCounted,
    bool Truncated,
    AnalyticsFigures All,
    IReadOnlyList<VersionAnalytics> Versions);

public sealed record VersionAnalytics(int Version, AnalyticsFigures Figures);

/// <summary>The figures of a set of sessions (see <see cref="PostAnalytics"/> for what each one counts).</summary>
public sealed record AnalyticsFigures(
    int SessionsStarted,
    int Viewers,
    int ReturnViewers,
    int ViewerTurns,
    double TurnsPerSession,
    IReadOnlyList<FunnelStep> Funnel,
    IReadOnlyList<LeaveStep> LeftAfter,
    int Replies,
    int RegeneratedReplies,
    double RegenerateRate,
    int SessionsWithSponsoredTurn,
    double SponsoredSessionShare,
    int SponsoredTurns,
    int SponsoredTurnsEngaged,
    double SponsoredEngagementRate)
{
    /// <summary>Viewers shown the feed card, once per viewer per UTC day.</summary>
    public long Views { get; init; }

    /// <summary>Viewers who opened the conversation from the feed, once per viewer per UTC day.</summary>
    public long Opens { get; init; }
}

/// <summary>Feed views and opens of a post, all versions together and per published version.</summary>
public sealed record PostReach(ViewCounts All, IReadOnlyDictionary<int, ViewCounts> ByVersion)
{
    public static readonly PostReach None = new(ViewCounts.Zero, new Dictionary<int, ViewCounts>());
}

public sealed record ViewCounts(long Views, long Opens)
{
    public static readonly ViewCounts Zero = new(0, 0);
}

/// <summary>Sessions that reached at least <see cref="Turns"/> viewer turns.</summary>
public sealed record FunnelStep(int Turns, int Sessions);

/// <summary>Sessions whose last viewer turn was <see cref="Turn"/> (or later, when <see cref="OrMore"/>).</summary>
public sealed record LeaveStep(int Turn, int Sessions, bool OrMore);
