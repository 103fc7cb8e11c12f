using FeedEngine.Storage.Campaigns;
using FeedEngine.Storage.Posts;

namespace FeedEngine.Ads.Campaigns;

/// <summary>A campaign request that passed validation, normalized (trimmed, de-duplicated, times in UTC).</summary>
public sealed record CampaignFields(
    string Name, decimal TotalBudget, decimal DailyBudget, decimal Bid, BidType BidType,
    DateTime StartsAt, DateTime EndsAt, string TimeZone,
    CampaignCreative Creative, CampaignTargeting Targeting, FrequencyCaps FrequencyCaps, CampaignExclusions Exclusions);

/// <summary>What validation needs beyond the request: money rules, the time, and for an edit the campaign as stored.</summary>
public sealed record CampaignRules(string Currency, int CurrencyDecimals, decimal MaxAmount, DateTime Now, CampaignDocument? Existing = null, decimal Spent = 0);

/// <summary>
/// Every rule a campaign follows, with a message per field (keys are the JSON paths, e.g. <c>sponsoredInteraction.welcome</c>).
/// Checks everything before anything is stored; an invalid request changes nothing.
/// </summary>
public static partial class CampaignValidation
{
    public static (CampaignFields? Fields, Dictionary<string, string[]> Errors) Validate(CampaignRequest request, CampaignRules rules)
    {
        var errors = new Errors();

        var name = Text(errors, "name", request.Name, "a campaign name", CampaignLimits.Name);
        var total = Amount(errors, "totalBudget", request.TotalBudget, "the total budget", rules);
        var daily = Amount(errors, "dailyBudget", request.DailyBudget, "the daily budget", rules);
        var bid = Amount(errors, "bid", request.Bid, "the bid", rules);
        var bidType = ParseBidType(errors, request.BidType);
        if (total is { } t && daily is { } d && d > t)
            errors.Add("dailyBudget", $"The daily budget ({Money(d, rules)}) is above the total budget ({Money(t, rules)}). Lower the daily budget or raise the total.");
        if (bidType == BidType.Cpe && bid is { } b && daily is { } dd && b > dd)
            errors.Add("bid", $"A cost-per-engagement bid ({Money(b, rules)}) cannot be above the daily budget ({Money(dd, rules)}): one engagement would spend more than a day's budget.");
        if (rules.Existing is not null && total is { } newTotal && newTotal < rules.Spent)
            errors.Add("totalBudget", $"The total budget cannot be less than the {Money(rules.Spent, rules)} already spent.");

        var zone = Zone(errors, request.TimeZone, rules);
        var (startsAt, startError) = CampaignTime.Parse(request.StartsAt, zone, "the start time");
        var (endsAt, endError) = CampaignTime.Parse(request.EndsAt, zone, "the end time");
        if (startError is not null) errors.Add("startsAt", startError);
        if (endError is not null) errors.Add("endsAt", endError);
        if (startsAt is { } start && endsAt is { } end)
        {
            if (end <= start)
                errors.Add("endsAt", "The end is before the start (or at the same time). Choose an end after the start.");
            else if (end <= rules.Now && (rules.Existing is null || rules.Existing.EndsAt != end))
                errors.Add("endsAt", "The end is in the past, so the campaign would never run. Choose an end in the future.");
        }

        var creative = Creative(errors, request);
        var targeting = Targeting(errors, request.Targeting);
        var caps = Caps(errors, request.FrequencyCaps);
        var exclusions = Exclusions(errors, request.Exclusions);

        if (errors.Count > 0) return (null, errors.ToDictionary());
        return (new CampaignFields(name!, total!.Value, daily!.Value, bid!.Value, bidType!.Value, startsAt!.Value, endsAt!.Value, zone.Id,
            creative, targeting, caps, exclusions), errors.ToDictionary());
    }

    /// <summary>Reviewer notes: optional for an approval, required for a rejection.</summary>
    public static (string? Reason, string? Error) Reason(string? value, bool required)
    {
        var error = PlainText.Error(value, required ? "a reason the advertiser can act on" : "the note", CampaignLimits.Reason, required, multiline: true);
        var reason = PlainText.Clean(value);
        return (error is null && reason.Length > 0 ? reason : null, error);
    }

    static CampaignCreative Creative(Errors errors, CampaignRequest request)
    {
        var landingUrl = Url(errors, "landingUrl", request.LandingUrl, required: true) ?? "";
        var creative = new CampaignCreative
        {
            Headline = Text(errors, "headline", request.Headline, "a headline", CampaignLimits.Headline) ?? "",
            LandingUrl = landingUrl,
            ImageId = string.IsNullOrWhiteSpace(request.ImageId) ? null : request.ImageId.Trim(),
        };
        if (creative.ImageId is { } imageId && (imageId.Length > 64 || !imageId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
            errors.Add("imageId", "This is not an image id. Upload the image with POST /api/images and use the imageId it returns.");

        if (request.SponsoredInteraction is { } interaction)
        {
            creative.SponsoredInteraction = new SponsoredInteraction
            {
                Persona = Text(errors, "sponsoredInteraction.persona", interaction.Persona, "a short persona for the brand", CampaignLimits.Persona, multiline: true) ?? "",
                Welcome = Text(errors, "sponsoredInteraction.welcome", interaction.Welcome, "a welcome line", CampaignLimits.Welcome) ?? "",
                SuggestedPrompts = List(errors, "sponsoredInteraction.suggestedPrompts", interaction.SuggestedPrompts, "suggested prompt", CampaignLimits.Prompts, CampaignLimits.Prompt),
                LandingUrl = Url(errors, "sponsoredInteraction.landingUrl", interaction.LandingUrl, required: false) ?? landingUrl,
            };
        }
        return creative;
    }

    static CampaignTargeting Targeting(Errors errors, TargetingRequest? request) => new()
    {
        Interests = List(errors, "targeting.interests", request?.Interests, "interest", CampaignLimits.Interests, CampaignLimits.Interest),
        Locales = Locales(errors, "targeting.locales", request?.Locales),
        AgeRatings = Enums<AgeRating>(errors, "targeting.ageRatings", request?.AgeRatings, "age rating", "everyone, teen or mature"),
    };

    static FrequencyCaps Caps(Errors errors, FrequencyCapsRequest? request)
    {
        var caps = new FrequencyCaps();
        if (request?.PerViewerPerDay is { } perDay)
        {
            if (perDay is < 1 or > CampaignLimits.PerViewerPerDay)
                errors.Add("frequencyCaps.perViewerPerDay", $"Show the campaign to one viewer between 1 and {CampaignLimits.PerViewerPerDay} times a day.");
            else caps.PerViewerPerDay = perDay;
        }
        if (request?.PerSession is { } perSession)
        {
            if (perSession is < 1 or > CampaignLimits.PerSession)
                errors.Add("frequencyCaps.perSession", $"Show the campaign between 1 and {CampaignLimits.PerSession} times in one conversation.");
            else caps.PerSession = perSession;
        }
        return caps;
    }

    static CampaignExclusions Exclusions(Errors errors, ExclusionsRequest? request) => new()
    {
        PostKinds = Enums<PostKind>(errors, "exclusions.postKinds", request?.PostKinds, "post kind", "character, story, game, quiz or imageChat"),
        Tags = List(errors, "exclusions.tags", request?.Tags, "tag", CampaignLimits.Tags, CampaignLimits.Tag),
        AgeRatings = Enums<AgeRating>(errors, "exclusions.ageRatings", request?.AgeRatings, "age rating", "everyone, teen or mature"),
        ModerationCategories = Categories(errors, "exclusions.moderationCategories", request?.ModerationCategories),
    };

    static TimeZoneInfo Zone(Errors errors, string? requested, CampaignRules rules)
    {
        var id = string.IsNullOrWhiteSpace(requested) ? CampaignTime.DefaultZone : requested.Trim();
        if (CampaignTime.FindZone(id) is not { } zone)
        {
            errors.Add("timeZone", $"{PlainText.Quote(id)} is not an IANA time zone. Use an id such as America/New_York, Europe/Berlin or UTC.");
            return TimeZoneInfo.Utc;
        }
        if (rules.Existing is { } existing && zone.Id != existing.TimeZone && existing.StartsAt <= rules.Now)
        {
            errors.Add("timeZone", $"The time zone cannot change once the campaign has started: its days are already counted in {existing.TimeZone}.");
            return CampaignTime.ZoneOf(existing.TimeZone);
        }
        return zone;
    }

    static BidType? ParseBidType(Errors errors, string? value)
    {
        switch (value?.Trim().ToLowerInvariant())
        {
            case "cpm": return BidType.Cpm;
            case "cpe": return BidType.Cpe;
            case null or "": errors.Add("bidType", "Choose a bid type: cpm (per thousand impressions) or cpe (per engaged conversation)."); return null;
            default: errors.Add("bidType", $"{PlainText.Quote(value)} is not a bid type. Choose cpm (per thousand impressions) or cpe (per engaged conversation)."); return null;
        }
    }
}
