using System.ComponentModel.DataAnnotations;

namespace FeedEngine.Engine.Sessions;

/// <summary>When a session may show a sponsored turn (section <c>Sessions:Sponsored</c>).</summary>
public sealed class SponsoredTurnOptions
{
    public const string SectionName = "Sessions:Sponsored";

    /// <summary>No sponsored turn before the reply to the viewer's this-many-th message.</summary>
    [Range(1, 1000)]
    public int FirstAfterViewerTurns { get; set; } = 3;

    /// <summary>Then at most one per this many viewer messages.</summary>
    [Range(1, 1000)]
    public int EveryViewerTurns { get; set; } = 5;

    /// <summary>Selection is skipped (no ad) when the ad system takes longer than this.</summary>
    [Range(1, 10_000)]
    public int SelectionTimeoutMilliseconds { get; set; } = 250;
}
