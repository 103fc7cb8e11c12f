namespace FeedEngine.Engine.Abstractions.Sessions;

/// <summary>A sponsored turn as the viewer sees it: always labelled, with the brand, its suggested prompts and its link.</summary>
[GenerateSerializer, Immutable, Alias("feed.SponsoredCard")]
public sealed record SponsoredCard
{
    [Id(0)] public string Label { get; init; } = "Sponsored";
    [Id(1)] public string BrandName { get; init; } = "";
    [Id(2)] public string[] SuggestedPrompts { get; init; } = [];

    /// <summary>Opens the brand's page through the platform's redirect (which records the click).</summary>
    [Id(3)] public string ClickUrl { get; init; } = "";

    [Id(4)] public string PlacementId { get; init; } = "";
}
