namespace FeedEngine.Ads.Tests.Campaigns;

/// <summary>The rules at their edges: what is just allowed passes, normalized; edits follow their own rules.</summary>
public sealed class CampaignValidationTests
{
    static readonly DateTime Now = new(2030, 6, 1, 12, 0, 0, DateTimeKind.Utc);
    static readonly CampaignRules Usd = new("USD", 2, 1_000_000_000m, Now);

    static CampaignRequest Valid() => new()
    {
        Name = "Spring",
        TotalBudget = 100m,
        DailyBudget = 10m,
        Bid = 2.5m,
        BidType = "cpm",
        StartsAt = "2030-06-02T00:00",
        EndsAt = "2030-07-01T00:00",
        TimeZone = "Europe/Berlin",
        Headline = "Spring coffee",
        LandingUrl = "https://coffee.example/",
    };

    [Fact]
    public void Validate_valuesAtTheirLimits_pass()
    {
        var request = Valid() with
        {
            Name = new string('n', CampaignLimits.Name),
            Headline = new string('h', CampaignLimits.Headline),
            TotalBudget = 10m,
            DailyBudget = 10m,
            Bid = 10m,
            BidType = "cpe",
            LandingUrl = "https://coffee.example/" + new string('a', CampaignLimits.Url - 23),
            SponsoredInteraction = new(new string('p', CampaignLimits.Persona), new string('w', CampaignLimits.Welcome),
                [new string('q', CampaignLimits.Prompt), "b", "c", "d"]),
            FrequencyCaps = new(CampaignLimits.PerViewerPerDay, CampaignLimits.PerSession),
        };

        var (fields, errors) = CampaignValidation.Validate(request, Usd);

        Assert.Empty(errors);
        Assert.NotNull(fields);
        Assert.Equal(request.LandingUrl, fields.Creative.SponsoredInteraction!.LandingUrl);
    }

    [Fact]
    public void Validate_normalizesTextListsAndEnums()
    {
        var request = Valid() with
        {
            Name = "  Spring  ",
            Headline = " Coffee & cake ",
            Targeting = new(["coffee", " Coffee ", "", "tea"], ["en-US", "EN-us", "de"], ["Teen", "teen"]),
            Exclusions = new(["imagechat", "QUIZ"], ["Gore"], ["everyone"], ["VIOLENCE", "selfharm"]),
            SponsoredInteraction = new("Line one\r\nLine two", "Hello", [" What? ", "", "What?"]),
        };

        var (fields, errors) = CampaignValidation.Validate(request, Usd);

        Assert.Empty(errors);
        Assert.Equal("Spring", fields!.Name);
        Assert.Equal("Coffee & cake", fields.Creative.Headline);
        Assert.Equal(["coffee", "tea"], fields.Targeting.Interests);
        Assert.Equal(["en-US", "de"], fields.Targeting.Locales);
        Assert.Equal([AgeRating.Teen], fields.Targeting.AgeRatings);
        Assert.Equal([PostKind.ImageChat, PostKind.Quiz], fields.Exclusions.PostKinds);
        Assert.Equal(["violence", "selfHarm"], fields.Exclusions.ModerationCategories);
        Assert.Equal("Line one\nLine two", fields.Creative.SponsoredInteraction!.Persona);
        Assert.Equal(["What?"], fields.Creative.SponsoredInteraction.SuggestedPrompts);
    }

    [Fact]
    public void Validate_localTimesAreReadInTheCampaignsZoneAndInstantsAsGiven()
    {
        var (fields, _) = CampaignValidation.Validate(Valid() with { StartsAt = "2030-06-02T00:00", EndsAt = "2030-07-01T00:00:00Z" }, Usd);

        Assert.Equal(new DateTime(2030, 6, 1, 22, 0, 0, DateTimeKind.Utc), fields!.StartsAt); // midnight in Berlin (CEST, UTC+2)
        Assert.Equal(new DateTime(2030, 7, 1, 0, 0, 0, DateTimeKind.Utc), fields.EndsAt);
        Assert.Equal("Europe/Berlin", fields.TimeZone);
    }

    [Theory]
    [InlineData(0, "1", null)]
    [InlineData(0, "1.5", "whole number of JPY")]
    [InlineData(2, "1.25", null)]
    [InlineData(2, "1.255", "at most 2 decimal places in JPY")]
    public void Validate_currencyDecimals_areConfigurable(int decimals, string amount, string? error)
    {
        var rules = new CampaignRules("JPY", decimals, 1_000_000_000m, Now);

        var (_, errors) = CampaignValidation.Validate(Valid() with { Bid = decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture) }, rules);

        if (error is null) Assert.False(errors.ContainsKey("bid"));
        else Assert.Contains(error, errors["bid"][0]);
    }

    [Fact]
    public void Validate_editBelowWhatWasSpent_isRefused()
    {
        var existing = new CampaignDocument { StartsAt = Now.AddDays(-1), EndsAt = Now.AddDays(10), TimeZone = "Europe/Berlin" };

        var (_, errors) = CampaignValidation.Validate(Valid() with { TotalBudget = 40m }, Usd with { Existing = existing, Spent = 40.01m });

        Assert.Contains("40.01 USD already spent", errors["totalBudget"][0]);
    }

    [Fact]
    public void Validate_timeZoneChangeAfterTheStart_isRefusedBeforeItIsAllowed()
    {
        var started = new CampaignDocument { StartsAt = Now.AddDays(-1), EndsAt = Now.AddDays(10), TimeZone = "UTC" };
        var notYet = new CampaignDocument { StartsAt = Now.AddDays(1), EndsAt = Now.AddDays(10), TimeZone = "UTC" };

        var (_, afterStart) = CampaignValidation.Validate(Valid(), Usd with { Existing = started });
        var (fields, beforeStart) = CampaignValidation.Validate(Valid(), Usd with { Existing = notYet });

        Assert.Contains("cannot change once the campaign has started", afterStart["timeZone"][0]);
        Assert.Empty(beforeStart);
        Assert.Equal("Europe/Berlin", fields!.TimeZone);
    }

    [Fact]
    public void Validate_editOfAnEndedCampaignKeepingItsEnd_isAllowed()
    {
        var ended = new CampaignDocument
        {
            StartsAt = new DateTime(2030, 5, 1, 0, 0, 0, DateTimeKind.Utc), EndsAt = new DateTime(2030, 5, 20, 0, 0, 0, DateTimeKind.Utc), TimeZone = "UTC",
        };
        var request = Valid() with { TimeZone = "UTC", StartsAt = "2030-05-01T00:00:00Z", EndsAt = "2030-05-20T00:00:00Z" };

        var (_, errors) = CampaignValidation.Validate(request, Usd with { Existing = ended });

        Assert.Empty(errors);
    }

    [Theory]
    [InlineData("https://coffee.example/ä?x=1#top", true)]
    [InlineData("HTTPS://COFFEE.EXAMPLE", true)]
    [InlineData("https://", false)]
    [InlineData("https://coffee.example/a b", false)]
    [InlineData("https://coffee.example/\"onclick", false)]
    [InlineData("mailto:sales@coffee.example", false)]
    [InlineData("//coffee.example/", false)]
    [InlineData("file:///etc/passwd", false)]
    public void Validate_landingUrl(string url, bool valid)
    {
        var (_, errors) = CampaignValidation.Validate(Valid() with { LandingUrl = url }, Usd);

        Assert.Equal(valid, !errors.ContainsKey("landingUrl"));
    }

    [Theory]
    [InlineData("Tom & Jerry", null)]
    [InlineData("5 < 6", "< and >")]
    [InlineData("a -> b", "< and >")]
    [InlineData("&#60;script", "HTML entities")]
    [InlineData("&amp;", "HTML entities")]
    [InlineData("JavaScript :alert(1)", "script address")]
    [InlineData("data:text/html,hi", "script address")]
    [InlineData("tab\there", "control characters")]
    [InlineData("left\u202Eright", "text-direction")]
    [InlineData("Coffee ☕ and 🍰", null)]
    public void PlainText_error(string text, string? expected)
    {
        var error = PlainText.Error(text, "a headline", 90);

        if (expected is null) Assert.Null(error);
        else Assert.Contains(expected, error);
    }
}
