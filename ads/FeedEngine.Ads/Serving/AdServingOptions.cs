using System.ComponentModel.DataAnnotations;

namespace FeedEngine.Ads.Serving;

/// <summary>How sponsored items are ranked, placed and charged (section <c>Ads:Serving</c>).</summary>
public sealed class AdServingOptions
{
    public const string SectionName = "Ads:Serving";

    /// <summary>The audience segments slates are ranked for: interests, matched to targeting and to posts by embeddings.</summary>
    [MinLength(1)]
    public List<string> Segments { get; set; } =
    [
        "fantasy adventure", "mystery and detectives", "romance", "science fiction", "horror", "comedy", "gaming",
        "sports", "music", "food and cooking", "travel", "technology", "fitness", "fashion", "anime", "history",
        "education and quizzes", "animals and pets", "art and drawing", "general",
    ];

    /// <summary>The ranking job's schedule (a cron expression); every minute by default.</summary>
    [Required]
    public string RankingCron { get; set; } = "* * * * *";

    /// <summary>Campaigns kept per slate, best first.</summary>
    [Range(1, 1000)]
    public int SlateSize { get; set; } = 50;

    /// <summary>The engagement prior: (engagements + a) / (impressions + a + b). Mean a / (a + b) = 2 %.</summary>
    [Range(0.001, 1_000_000)]
    public double PriorEngagements { get; set; } = 1;

    [Range(0.001, 1_000_000)]
    public double PriorNonEngagements { get; set; } = 49;

    /// <summary>The click prior, for quality: (clicks + a) / (impressions + a + b). Mean 1 %.</summary>
    [Range(0.001, 1_000_000)]
    public double PriorClicks { get; set; } = 1;

    [Range(0.001, 1_000_000)]
    public double PriorNonClicks { get; set; } = 99;

    /// <summary>Targeted campaigns whose best interest is less similar than this to a segment stay out of its slate.</summary>
    [Range(0.0, 1.0)]
    public double MinRelevance { get; set; } = 0.25;

    /// <summary>The relevance of an untargeted campaign (no interests) in every segment.</summary>
    [Range(0.0, 1.0)]
    public double BroadRelevance { get; set; } = 0.5;

    /// <summary>What a winner without a runner-up pays, per thousand impressions (CPM) or per engagement (CPE), at most its bid.</summary>
    [Range(typeof(decimal), "0", "1000000")]
    public decimal ReservePriceCpm { get; set; } = 0.50m;

    [Range(typeof(decimal), "0", "1000000")]
    public decimal ReservePriceCpe { get; set; } = 0.05m;

    /// <summary>Pacing lead: the spend curve runs this share of a day ahead, so a day's first minutes can spend.</summary>
    [Range(0.0, 0.5)]
    public double PacingLead { get; set; } = 0.02;

    /// <summary>Pacing gain: the pass rate is gain x the share of the curve still unspent (1 when far behind, 0 when ahead).</summary>
    [Range(1.0, 1000.0)]
    public double PacingGain { get; set; } = 10;

    /// <summary>No sponsored turn before the viewer's this-many-th message.</summary>
    [Range(1, 1000)]
    public int SessionFirstAfterTurns { get; set; } = 3;

    /// <summary>Then at most one sponsored turn per this many viewer messages.</summary>
    [Range(1, 1000)]
    public int SessionEveryTurns { get; set; } = 5;

    /// <summary>The brand persona answers at most this many viewer replies per sponsored turn.</summary>
    [Range(1, 20)]
    public int SponsorReplies { get; set; } = 3;

    /// <summary>At most one sponsored card per this many feed cards.</summary>
    [Range(2, 1000)]
    public int FeedEveryCards { get; set; } = 5;

    /// <summary>A viewer's second click on the same campaign within this many seconds is dropped.</summary>
    [Range(0, 86_400)]
    public int ClickWindowSeconds { get; set; } = 30;

    /// <summary>How often servers look for a newer slate set.</summary>
    [Range(0, 3600)]
    public int SlateRefreshSeconds { get; set; } = 5;
}
