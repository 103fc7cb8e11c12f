using System.Globalization;
using FeedEngine.Ads.Campaigns;

namespace FeedEngine.Web.Components.Pages.Ads;

/// <summary>
/// The campaign form of the portal, as the browser sent it: every field kept as typed, so a refused form comes back
/// exactly as it was. Lists are written one per line (prompts) or comma-separated (interests, locales, tags).
/// Times are <c>datetime-local</c> values, local to the chosen time zone.
/// </summary>
public sealed class CampaignForm
{
    public const string LocalTimeFormat = "yyyy-MM-dd'T'HH:mm";

    public string Name { get; set; } = "";
    public string TotalBudget { get; set; } = "";
    public string DailyBudget { get; set; } = "";
    public string Bid { get; set; } = "";
    public string BidType { get; set; } = "cpm";
    public string StartsAt { get; set; } = "";
    public string EndsAt { get; set; } = "";
    public string TimeZone { get; set; } = CampaignTime.DefaultZone;
    public string Headline { get; set; } = "";
    public string LandingUrl { get; set; } = "";
    public string ImageId { get; set; } = "";
    public bool RemoveImage { get; set; }
    public string Persona { get; set; } = "";
    public string Welcome { get; set; } = "";
    public string Prompts { get; set; } = "";
    public string InteractionUrl { get; set; } = "";
    public string Interests { get; set; } = "";
    public string Locales { get; set; } = "";
    public List<string> AgeRatings { get; set; } = [];
    public string PerViewerPerDay { get; set; } = "3";
    public string PerSession { get; set; } = "1";
    public List<string> ExcludedKinds { get; set; } = [];
    public string ExcludedTags { get; set; } = "";
    public List<string> ExcludedAgeRatings { get; set; } = [];
    public List<string> ExcludedCategories { get; set; } = [];

    /// <summary>A fresh form: starts tomorrow, runs thirty days, in UTC.</summary>
    public static CampaignForm New(DateTime utcNow) => new()
    {
        StartsAt = utcNow.Date.AddDays(1).ToString(LocalTimeFormat, CultureInfo.InvariantCulture),
        EndsAt = utcNow.Date.AddDays(31).ToString(LocalTimeFormat, CultureInfo.InvariantCulture),
    };

    public static CampaignForm From(CampaignView campaign) => new()
    {
        Name = campaign.Name,
        TotalBudget = campaign.TotalBudget.ToString(CultureInfo.InvariantCulture),
        DailyBudget = campaign.DailyBudget.ToString(CultureInfo.InvariantCulture),
        Bid = campaign.Bid.ToString(CultureInfo.InvariantCulture),
        BidType = Camel(campaign.BidType.ToString()),
        StartsAt = campaign.StartsAt.ToString(LocalTimeFormat, CultureInfo.InvariantCulture),
        EndsAt = campaign.EndsAt.ToString(LocalTimeFormat, CultureInfo.InvariantCulture),
        TimeZone = campaign.TimeZone,
        Headline = campaign.Headline,
        LandingUrl = campaign.LandingUrl,
        ImageId = campaign.ImageId ?? "",
        Persona = campaign.SponsoredInteraction?.Persona ?? "",
        Welcome = campaign.SponsoredInteraction?.Welcome ?? "",
        Prompts = string.Join("\n", campaign.SponsoredInteraction?.SuggestedPrompts ?? []),
        InteractionUrl = campaign.SponsoredInteraction is { } i && i.LandingUrl != campaign.LandingUrl ? i.LandingUrl : "",
        Interests = string.Join(", ", campaign.Targeting.Interests),
        Locales = string.Join(", ", campaign.Targeting.Locales),
        AgeRatings = [.. campaign.Targeting.AgeRatings.Select(r => Camel(r.ToString()))],
        PerViewerPerDay = campaign.FrequencyCaps.PerViewerPerDay.ToString(CultureInfo.InvariantCulture),
        PerSession = campaign.FrequencyCaps.PerSession.ToString(CultureInfo.InvariantCulture),
        ExcludedKinds = [.. campaign.Exclusions.PostKinds.Select(k => Camel(k.ToString()))],
        ExcludedTags = string.Join(", ", campaign.Exclusions.Tags),
        ExcludedAgeRatings = [.. campaign.Exclusions.AgeRatings.Select(r => Camel(r.ToString()))],
        ExcludedCategories = [.. campaign.Exclusions.ModerationCategories],
    };

    public static CampaignForm Read(IFormCollection form) => new()
    {
        Name = form["name"].ToString(),
        TotalBudget = form["totalBudget"].ToString(),
        DailyBudget = form["dailyBudget"].ToString(),
        Bid = form["bid"].ToString(),
        BidType = form["bidType"].ToString(),
        StartsAt = form["startsAt"].ToString(),
        EndsAt = form["endsAt"].ToString(),
        TimeZone = form["timeZone"].ToString(),
        Headline = form["headline"].ToString(),
        LandingUrl = form["landingUrl"].ToString(),
        ImageId = form["imageId"].ToString(),
        RemoveImage = form["removeImage"] == "on",
        Persona = form["persona"].ToString(),
        Welcome = form["welcome"].ToString(),
        Prompts = form["prompts"].ToString(),
        InteractionUrl = form["interactionUrl"].ToString(),
        Interests = form["interests"].ToString(),
        Locales = form["locales"].ToString(),
        AgeRatings = Values(form, "ageRatings"),
        PerViewerPerDay = form["perViewerPerDay"].ToString(),
        PerSession = form["perSession"].ToString(),
        ExcludedKinds = Values(form, "excludedKinds"),
        ExcludedTags = form["excludedTags"].ToString(),
        ExcludedAgeRatings = Values(form, "excludedAgeRatings"),
        ExcludedCategories = Values(form, "excludedCategories"),
    };

    /// <summary>The API request this form stands for, and the fields that could not even be read as numbers.</summary>
    public CampaignRequest ToRequest(Dictionary<string, string[]> unreadable)
    {
        var hasInteraction = !string.IsNullOrWhiteSpace(Persona) || !string.IsNullOrWhiteSpace(Welcome)
            || !string.IsNullOrWhiteSpace(Prompts) || !string.IsNullOrWhiteSpace(InteractionUrl);
        return new CampaignRequest
        {
            Name = Name,
            TotalBudget = Amount(TotalBudget, "totalBudget", unreadable),
            DailyBudget = Amount(DailyBudget, "dailyBudget", unreadable),
            Bid = Amount(Bid, "bid", unreadable),
            BidType = BidType,
            StartsAt = StartsAt,
            EndsAt = EndsAt,
            TimeZone = TimeZone,
            Headline = Headline,
            LandingUrl = LandingUrl,
            ImageId = RemoveImage || string.IsNullOrWhiteSpace(ImageId) ? null : ImageId,
            SponsoredInteraction = hasInteraction
                ? new SponsoredInteractionRequest(Persona, Welcome, [.. Prompts.Split('\n').Select(p => p.Trim())], string.IsNullOrWhiteSpace(InteractionUrl) ? null : InteractionUrl)
                : null,
            Targeting = new TargetingRequest(Split(Interests), Split(Locales), [.. AgeRatings]),
            FrequencyCaps = new FrequencyCapsRequest(Count(PerViewerPerDay, "frequencyCaps.perViewerPerDay", unreadable), Count(PerSession, "frequencyCaps.perSession", unreadable)),
            Exclusions = new ExclusionsRequest([.. ExcludedKinds], Split(ExcludedTags), [.. ExcludedAgeRatings], [.. ExcludedCategories]),
        };
    }

    static decimal? Amount(string text, string field, Dictionary<string, string[]> unreadable)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (decimal.TryParse(text.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var amount)) return amount;
        unreadable[field] = ["Enter an amount such as 250 or 12.50."];
        return null;
    }

    static int? Count(string text, string field, Dictionary<string, string[]> unreadable)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var count)) return count;
        unreadable[field] = ["Enter a whole number such as 3."];
        return null;
    }

    static List<string?> Split(string text) => [.. text.Split([',', '\n'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];

    static List<string> Values(IFormCollection form, string name) => [.. form[name].Where(v => !string.IsNullOrEmpty(v)).Select(v => v!)];

    static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
