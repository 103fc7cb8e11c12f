using System.Text.RegularExpressions;
using FeedEngine.Storage.Users;

namespace FeedEngine.Web.Accounts;

/// <summary>The rules an account's fields follow, with messages a person can act on.</summary>
public static partial class AccountValidation
{
    public const int MaxEmailLength = 254;
    public const int MinPasswordLength = 8;
    public const int MaxPasswordLength = 128;
    public const int MaxDisplayNameLength = 40;
    public const int MinimumAge = 13;

    static readonly string[] SelfAssignableRoles = [UserRoles.Viewer, UserRoles.Creator, UserRoles.Advertiser];

    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();

    /// <summary>Checks a sign-up; returns the errors by field (empty when valid) and the normalized values.</summary>
    public static Dictionary<string, string[]> ValidateSignup(SignupRequest request, int currentYear, out string role)
    {
        var errors = new Dictionary<string, string[]>();
        role = UserRoles.Viewer;
        if (EmailError(request.Email) is { } email) errors["email"] = [email];
        if (PasswordError(request.Password) is { } password) errors["password"] = [password];
        if (DisplayNameError(request.DisplayName) is { } name) errors["displayName"] = [name];
        if (request.BirthYear is { } year && (year > currentYear - MinimumAge || year < currentYear - 120))
            errors["birthYear"] = [year > currentYear - MinimumAge
                ? $"You must be at least {MinimumAge} to use FeedEngine."
                : "Enter the year you were born, e.g. 1995."];
        var requested = request.Role?.Trim().ToLowerInvariant();
        if (requested == UserRoles.Admin)
            errors["role"] = ["The admin role cannot be chosen at sign-up; admins are named in the server's configuration."];
        else if (!string.IsNullOrEmpty(requested) && !SelfAssignableRoles.Contains(requested))
            errors["role"] = ["Choose a role: viewer, creator or advertiser."];
        else if (!string.IsNullOrEmpty(requested))
            role = requested;
        return errors;
    }

    public static string? EmailError(string? email)
    {
        if (string.IsNullOrWhiteSpace(email)) return "Enter your e-mail address.";
        var trimmed = email.Trim();
        if (trimmed.Length > MaxEmailLength) return $"An e-mail address has at most {MaxEmailLength} characters.";
        return EmailPattern().IsMatch(trimmed) ? null : "Enter an e-mail address like name@example.com.";
    }

    public static string? PasswordError(string? password)
    {
        if (string.IsNullOrEmpty(password) || password.Length < MinPasswordLength)
            return $"Choose a password of at least {MinPasswordLength} characters.";
        return password.Length > MaxPasswordLength ? $"A password has at most {MaxPasswordLength} characters." : null;
    }

    public static string? DisplayNameError(string? displayName)
    {
        var trimmed = displayName?.Trim();
        if (string.IsNullOrEmpty(trimmed)) return "Enter the name other people will see.";
        if (trimmed.Length > MaxDisplayNameLength) return $"A display name has at most {MaxDisplayNameLength} characters.";
        return trimmed.Any(char.IsControl) ? "A display name cannot contain control characters." : null;
    }

    [GeneratedRegex(@"^[^@\s\p{C}]+@[^@\s\p{C}]+\.[^@\s\p{C}]+$")]
    private static partial Regex EmailPattern();
}
