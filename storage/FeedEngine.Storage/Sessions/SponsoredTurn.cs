namespace FeedEngine.Storage.Sessions;

/// <summary>What a sponsored turn showed, beyond its text (the welcome line): the brand, its suggested prompts, the click link.</summary>
public sealed class SponsoredTurn
{
    /// <summary>The server-chosen id the turn's ad events carry.</summary>
    public string PlacementId { get; set; } = "";
    public string CampaignId { get; set; } = "";
    public string BrandName { get; set; } = "";
    public string Label { get; set; } = "Sponsored";
    public List<string> SuggestedPrompts { get; set; } = [];
    public string ClickUrl { get; set; } = "";

    /// <summary>True for the brand persona's answer to a viewer who engaged; false for the sponsored turn itself (the welcome).</summary>
    public bool Answer { get; set; }
}
