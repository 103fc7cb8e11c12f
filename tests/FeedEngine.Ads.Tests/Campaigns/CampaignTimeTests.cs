namespace FeedEngine.Ads.Tests.Campaigns;

public sealed class CampaignTimeTests
{
    static readonly TimeZoneInfo NewYork = CampaignTime.FindZone("America/New_York")!;

    [Theory]
    [InlineData("UTC", true)]
    [InlineData("Europe/Berlin", true)]
    [InlineData("America/Argentina/Buenos_Aires", true)]
    [InlineData("Etc/GMT+5", true)]
    [InlineData("europe/berlin", false)]
    [InlineData("Mars/Olympus", false)]
    [InlineData("../UTC", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void FindZone_acceptsOnlyIanaIds(string? id, bool found) => Assert.Equal(found, CampaignTime.FindZone(id) is not null);

    [Theory]
    [InlineData("2025-03-09T01:59", "2025-03-09T06:59:00Z")]   // EST
    [InlineData("2025-03-09T03:00", "2025-03-09T07:00:00Z")]   // EDT: 02:00-02:59 does not exist that night
    [InlineData("2025-03-09", "2025-03-09T05:00:00Z")]         // a date alone: local midnight
    [InlineData("2025-03-09T12:00:00+01:00", "2025-03-09T11:00:00Z")]
    [InlineData("2025-03-09T12:00:00.5Z", "2025-03-09T12:00:00.5Z")]
    public void Parse_localTimesInTheZoneAndInstantsAsWritten(string text, string utc)
    {
        var (parsed, error) = CampaignTime.Parse(text, NewYork, "the start");

        Assert.Null(error);
        Assert.Equal(DateTime.Parse(utc, null, System.Globalization.DateTimeStyles.AdjustToUniversal), parsed);
        Assert.Equal(DateTimeKind.Utc, parsed!.Value.Kind);
    }

    [Theory]
    [InlineData("2025-03-09T02:30", "does not exist in America/New_York")]
    [InlineData("2025-02-29T10:00", "not a real date")]
    [InlineData("03/09/2025", "ISO 8601")]
    [InlineData("2025-03-09T10:00:00+1", "ISO 8601")]
    public void Parse_refusesWithAMessage(string text, string message)
    {
        var (parsed, error) = CampaignTime.Parse(text, NewYork, "the start");

        Assert.Null(parsed);
        Assert.Contains(message, error);
    }

    [Fact]
    public void LocalDateAndDayStart_followTheZoneAcrossTheClockChange()
    {
        Assert.Equal(new DateOnly(2025, 3, 8), CampaignTime.LocalDate(new DateTime(2025, 3, 9, 4, 59, 59, DateTimeKind.Utc), NewYork));
        Assert.Equal(new DateOnly(2025, 3, 9), CampaignTime.LocalDate(new DateTime(2025, 3, 9, 5, 0, 0, DateTimeKind.Utc), NewYork));
        Assert.Equal(new DateTime(2025, 3, 9, 5, 0, 0, DateTimeKind.Utc), CampaignTime.DayStartUtc(new DateOnly(2025, 3, 9), NewYork));
        Assert.Equal(new DateTime(2025, 3, 10, 4, 0, 0, DateTimeKind.Utc), CampaignTime.DayStartUtc(new DateOnly(2025, 3, 10), NewYork));
        Assert.Equal("2025-03-10T00:00:00-04:00", CampaignTime.InZone(new DateTime(2025, 3, 10, 4, 0, 0, DateTimeKind.Utc), NewYork).ToString("yyyy-MM-ddTHH:mm:sszzz"));
    }

    [Fact]
    public void DayStartUtc_whereTheClockSkipsMidnight_isTheFirstRealMoment()
    {
        // Chile's clocks jumped from 2022-09-11 00:00 to 01:00.
        var santiago = CampaignTime.FindZone("America/Santiago")!;

        Assert.Equal(new DateTime(2022, 9, 11, 4, 0, 0, DateTimeKind.Utc), CampaignTime.DayStartUtc(new DateOnly(2022, 9, 11), santiago));
    }
}
