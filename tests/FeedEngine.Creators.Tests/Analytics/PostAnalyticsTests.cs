using FeedEngine.Creators.Analytics;
using FeedEngine.Storage.Sessions;

namespace FeedEngine.Creators.Tests.Analytics;

/// <summary>
/// Analytics on a fixed set of sessions and turns, checked against numbers worked out by hand:
/// <code>
/// s1 v1 viewer A day 1: V P V P P(regenerated) S(sponsor, answered) V P   -> 3 turns, 4 replies, 1 regenerated
/// s2 v1 viewer B day 1: V P                                              -> 1 turn
/// s3 v2 viewer A day 3: V P S(sponsor, not answered)                      -> 1 turn
/// s4 v2 viewer C day 3: (nothing)                                         -> 0 turns
/// s6 v2 viewer B day 1, its later messages on day 2: (V P) x 11           -> 11 turns
/// s5    the creator's preview: V P                                        -> not counted
/// </code>
/// </summary>
public sealed class PostAnalyticsTests
{
    static readonly DateTime Day1 = new(2026, 3, 1, 10, 0, 0, DateTimeKind.Utc);

    static (List<SessionDocument> Sessions, List<TurnDocument> Turns) FixedData()
    {
        var sessions = new List<SessionDocument>
        {
            Session("s1", 1, "A", Day1),
            Session("s2", 1, "B", Day1),
            Session("s3", 2, "A", Day1.AddDays(2)),
            Session("s4", 2, "C", Day1.AddDays(2)),
            new() { Id = "s5", PostId = "p1", PostVersion = 0, OwnerId = "preview:creator", Preview = true, CreatedAt = Day1 },
            Session("s6", 2, "B", Day1),
        };
        var turns = new List<TurnDocument>();
        Add(turns, "s1", Day1, "VPVPPSVP");
        Add(turns, "s2", Day1, "VP");
        Add(turns, "s3", Day1.AddDays(2), "VPS");
        Add(turns, "s5", Day1, "VP");
        Add(turns, "s6", Day1, "VP");
        Add(turns, "s6", Day1.AddDays(1), string.Concat(Enumerable.Repeat("VP", 10)), firstSeq: 3);
        return (sessions, turns);
    }

    static SessionDocument Session(string id, int version, string owner, DateTime at) =>
        new() { Id = id, PostId = "p1", PostVersion = version, OwnerId = owner, Participants = [owner], CreatedAt = at };

    static void Add(List<TurnDocument> turns, string sessionId, DateTime at, string roles, int firstSeq = 1)
    {
        for (var i = 0; i < roles.Length; i++)
        {
            var role = roles[i] switch { 'V' => TurnRole.Viewer, 'P' => TurnRole.Post, _ => TurnRole.Sponsor };
            turns.Add(new TurnDocument { SessionId = sessionId, Seq = firstSeq + i, Role = role, Sponsored = role == TurnRole.Sponsor, Text = "x", CreatedAt = at.AddMinutes(i) });
        }
    }

    [Fact]
    public void Compute_allVersions_matchesHandCountedFigures()
    {
        var (sessions, turns) = FixedData();

        var report = PostAnalytics.Compute("p1", sessions, turns, Day1.AddDays(5));
        var all = report.All;

        Assert.Equal(5, report.SessionsCounted);
        Assert.Equal(5, all.SessionsStarted);
        Assert.Equal(3, all.Viewers);
        Assert.Equal(2, all.ReturnViewers);
        Assert.Equal(16, all.ViewerTurns);
        Assert.Equal(3.2, all.TurnsPerSession);
        Assert.Equal([4, 2, 2, 1, 1, 0], all.Funnel.Select(s => s.Sessions));
        Assert.Equal([1, 2, 3, 5, 10, 20], all.Funnel.Select(s => s.Turns));
        Assert.Equal([1, 2, 0, 1, 0, 0, 0, 0, 0, 0, 1], all.LeftAfter.Select(s => s.Sessions));
        Assert.True(all.LeftAfter[^1].OrMore);
        Assert.Equal(17, all.Replies);
        Assert.Equal(1, all.RegeneratedReplies);
        Assert.Equal(0.0588, all.RegenerateRate);
        Assert.Equal(2, all.SessionsWithSponsoredTurn);
        Assert.Equal(0.4, all.SponsoredSessionShare);
        Assert.Equal(2, all.SponsoredTurns);
        Assert.Equal(1, all.SponsoredTurnsEngaged);
        Assert.Equal(0.5, all.SponsoredEngagementRate);
    }

    [Fact]
    public void Compute_perVersion_splitsTheSameSessions()
    {
        var (sessions, turns) = FixedData();

        var report = PostAnalytics.Compute("p1", sessions, turns, Day1.AddDays(5));

        Assert.Equal([1, 2], report.Versions.Select(v => v.Version));
        var v1 = report.Versions[0].Figures;
        Assert.Equal((2, 2, 0, 4, 2.0), (v1.SessionsStarted, v1.Viewers, v1.ReturnViewers, v1.ViewerTurns, v1.TurnsPerSession));
        Assert.Equal((5, 1, 0.2), (v1.Replies, v1.RegeneratedReplies, v1.RegenerateRate));
        Assert.Equal((1, 0.5, 1, 1, 1.0), (v1.SessionsWithSponsoredTurn, v1.SponsoredSessionShare, v1.SponsoredTurns, v1.SponsoredTurnsEngaged, v1.SponsoredEngagementRate));
        var v2 = report.Versions[1].Figures;
        Assert.Equal((3, 3, 1, 12, 4.0), (v2.SessionsStarted, v2.Viewers, v2.ReturnViewers, v2.ViewerTurns, v2.TurnsPerSession));
        Assert.Equal((12, 0, 0.0), (v2.Replies, v2.RegeneratedReplies, v2.RegenerateRate));
        Assert.Equal((1, 0.3333, 1, 0, 0.0), (v2.SessionsWithSponsoredTurn, v2.SponsoredSessionShare, v2.SponsoredTurns, v2.SponsoredTurnsEngaged, v2.SponsoredEngagementRate));
    }

    [Fact]
    public void Compute_noSessions_givesZerosNotErrors()
    {
        var report = PostAnalytics.Compute("p1", [], [], Day1);

        Assert.Equal(0, report.All.SessionsStarted);
        Assert.Equal(0, report.All.TurnsPerSession);
        Assert.Equal(0, report.All.RegenerateRate);
        Assert.All(report.All.Funnel, s => Assert.Equal(0, s.Sessions));
        Assert.Empty(report.Versions);
    }

    [Fact]
    public void Compute_ignoresTurnsOfOtherSessionsAndPreviews()
    {
        var (sessions, turns) = FixedData();
        turns.Add(new TurnDocument { SessionId = "elsewhere", Seq = 1, Role = TurnRole.Viewer, CreatedAt = Day1 });

        var report = PostAnalytics.Compute("p1", sessions, turns, Day1);

        Assert.Equal(16, report.All.ViewerTurns);
        Assert.DoesNotContain(report.Versions, v => v.Version == 0);
    }

    [Fact]
    public void Compute_withViewsAndOpens_putsThemAheadOfSessions_perVersionToo_andKeepsAVersionSeenButNeverTalkedTo()
    {
        var (sessions, turns) = FixedData();
        // Hand-counted: v1 shown to 6 viewer-days and opened on 3; v2 shown 9, opened 4; v3 shown 2 and never opened or talked to.
        var reach = new PostReach(new ViewCounts(17, 7), new Dictionary<int, ViewCounts>
        {
            [1] = new(6, 3),
            [2] = new(9, 4),
            [3] = new(2, 0),
        });

        var report = PostAnalytics.Compute("p1", sessions, turns, Day1.AddDays(5), reach: reach);

        Assert.Equal((17, 7, 5), (report.All.Views, report.All.Opens, report.All.SessionsStarted));
        Assert.Equal([1, 2, 3], report.Versions.Select(v => v.Version));
        Assert.Equal((6L, 3L, 2), (report.Versions[0].Figures.Views, report.Versions[0].Figures.Opens, report.Versions[0].Figures.SessionsStarted));
        Assert.Equal((9L, 4L, 3), (report.Versions[1].Figures.Views, report.Versions[1].Figures.Opens, report.Versions[1].Figures.SessionsStarted));
        Assert.Equal((2L, 0L, 0), (report.Versions[2].Figures.Views, report.Versions[2].Figures.Opens, report.Versions[2].Figures.SessionsStarted));
        // Without counts the figures say zero views, as before.
        Assert.Equal(0, PostAnalytics.Compute("p1", sessions, turns, Day1).All.Views);
    }
}
