using System.Security.Claims;

namespace FeedEngine.Safety;

/// <summary>The claims Safety reads from a caller: the user id (<c>sub</c>), the guest flag and the admin role.</summary>
public static class SafetyClaims
{
    public static string? UserId(ClaimsPrincipal user) => user.FindFirstValue("sub") ?? user.FindFirstValue(ClaimTypes.NameIdentifier);

    public static bool IsGuest(ClaimsPrincipal user) => user.HasClaim("guest", "true");
}
