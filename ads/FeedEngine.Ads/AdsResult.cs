using System.Diagnostics.CodeAnalysis;
using System.Security.Claims;
using FeedEngine.Storage.Users;

namespace FeedEngine.Ads;

/// <summary><see cref="Flagged"/>: moderation flagged the creative, so it cannot be approved (409).</summary>
public enum AdsErrorKind { Invalid, NotFound, Forbidden, Conflict, Flagged }

/// <summary>An expected refusal, with a message a person can act on and, for invalid input, the errors by field.</summary>
public sealed record AdsError(AdsErrorKind Kind, string Message, IDictionary<string, string[]>? Errors = null)
{
    public static AdsError CampaignNotFound(string campaignId) =>
        new(AdsErrorKind.NotFound, $"No campaign with id '{Shorten(campaignId)}' belongs to your account. Check the id, or list your campaigns with GET /api/campaigns.");

    static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";
}

/// <summary>A value, or the <see cref="AdsError"/> that stopped it.</summary>
public sealed record AdsResult<T>(T? Value, AdsError? Error)
{
    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Error is null;

    public static implicit operator AdsResult<T>(T value) => new(value, null);
    public static implicit operator AdsResult<T>(AdsError error) => new(default, error);
}

/// <summary>Who is calling: the <c>sub</c> claim and whether the account holds the admin role.</summary>
public sealed record AdsCaller(string UserId, bool IsAdmin)
{
    public static AdsCaller? From(ClaimsPrincipal principal) =>
        principal.FindFirst("sub")?.Value is { Length: > 0 } id ? new AdsCaller(id, principal.IsInRole(UserRoles.Admin)) : null;
}
