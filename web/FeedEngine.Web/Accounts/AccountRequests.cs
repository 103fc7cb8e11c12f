namespace FeedEngine.Web.Accounts;

public sealed record SignupRequest(string? Email, string? Password, string? DisplayName, int? BirthYear, string? Role);

public sealed record TokenRequest(string? Email, string? Password);

public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);

public sealed record PasswordResetRequest(string? Email);

public sealed record PasswordResetConfirmRequest(string? Email, string? Token, string? NewPassword);

public sealed record TokenResponse(string AccessToken, DateTimeOffset ExpiresAt, string UserId);

public sealed record GuestResponse(string AccessToken, string ViewerId, DateTimeOffset ExpiresAt);

public sealed record AccountView(string UserId, string? Email, string DisplayName, int? BirthYear, IReadOnlyList<string> Roles, bool IsGuest);

public sealed record SignupResponse(string UserId, string AccessToken, DateTimeOffset ExpiresAt, AccountView Account);
