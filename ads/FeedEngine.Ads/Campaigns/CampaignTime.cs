using System.Globalization;
using System.Text.RegularExpressions;

namespace FeedEngine.Ads.Campaigns;

/// <summary>
/// A campaign's clock: its IANA time zone, the local day an instant falls on (daily budgets and reports count
/// those days), and the ISO 8601 times advertisers write, with an offset (an instant) or without (a local time in the zone).
/// </summary>
public static partial class CampaignTime
{
    public const string DefaultZone = "UTC";

    /// <summary>The zone for an IANA id spelled exactly (<c>Europe/Berlin</c>, <c>UTC</c>); null for anything else.</summary>
    /// <remarks>The exact spelling is checked because the runtime's zone cache would otherwise accept another case only sometimes.</remarks>
    public static TimeZoneInfo? FindZone(string? id)
    {
        if (string.IsNullOrWhiteSpace(id) || id.Length > 64 || !ZoneId().IsMatch(id)) return null;
        return TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) && zone.HasIanaId && zone.Id == id ? zone : null;
    }

    /// <summary>The zone of a stored campaign (which was checked when saved); UTC if the host lacks it.</summary>
    public static TimeZoneInfo ZoneOf(string id) => FindZone(id) ?? TimeZoneInfo.Utc;

    public static DateOnly LocalDate(DateTime utc, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone));

    /// <summary>The UTC instant a local day begins (the first valid local time, where a clock change skips midnight).</summary>
    public static DateTime DayStartUtc(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local)) local = local.AddMinutes(15);
        return TimeZoneInfo.ConvertTimeToUtc(local, zone);
    }

    /// <summary>An instant as the campaign's local time with its offset, e.g. <c>2025-07-01T09:00:00-07:00</c>.</summary>
    public static DateTimeOffset InZone(DateTime utc, TimeZoneInfo zone)
    {
        var instant = new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc));
        return TimeZoneInfo.ConvertTime(instant, zone);
    }

    /// <summary>
    /// Reads an ISO 8601 time: <c>2025-07-01T09:00:00Z</c> or with an offset is that instant; <c>2025-07-01T09:00</c>
    /// or <c>2025-07-01</c> is a local time in <paramref name="zone"/>. Returns the UTC instant, or an error to show.
    /// </summary>
    public static (DateTime? Utc, string? Error) Parse(string? text, TimeZoneInfo zone, string what)
    {
        var value = text?.Trim();
        if (string.IsNullOrEmpty(value)) return (null, $"Enter {what} as an ISO 8601 time, e.g. 2025-07-01T09:00:00Z.");
        if (value.Length > 40 || !Iso8601().IsMatch(value))
            return (null, $"Write {what} as an ISO 8601 time such as 2025-07-01T09:00:00Z, or 2025-07-01T09:00 for a time in the campaign's time zone.");
        if (Iso8601().Match(value).Groups["offset"].Success)
        {
            if (!DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
                return (null, $"{PlainText.Capitalize(what)} is not a real date and time: check the month, day and hour.");
            return (instant.UtcDateTime, null);
        }
        if (!DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            return (null, $"{PlainText.Capitalize(what)} is not a real date and time: check the month, day and hour.");
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
            return (null, $"{local:yyyy-MM-dd HH:mm} does not exist in {zone.Id}: the clocks skip it for daylight saving. Choose a time an hour later.");
        return (TimeZoneInfo.ConvertTimeToUtc(local, zone), null);
    }

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_+\-]*(/[A-Za-z0-9_+\-]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex ZoneId();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(?<offset>Z|[+\-]\d{2}:\d{2})?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Iso8601();
}
