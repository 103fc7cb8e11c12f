using FeedEngine.Storage;
using FeedEngine.Storage.Users;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace FeedEngine.Web.Accounts;

public enum AccountErrorKind { Validation, DuplicateEmail, WrongPassword, InvalidResetLink, NotFound, Conflict, Suspended }

public sealed record AccountError(AccountErrorKind Kind, string Message, IDictionary<string, string[]>? Errors = null);

/// <summary>An account operation's outcome: the user, or an expected error.</summary>
public sealed record AccountResult(UserDocument? User, AccountError? Error)
{
    public static AccountResult Ok(UserDocument user) => new(user, null);
    public static AccountResult Fail(AccountErrorKind kind, string message, IDictionary<string, string[]>? errors = null) => new(null, new(kind, message, errors));
}

/// <summary>Sign-up, sign-in, guests, password changes and resets; shared by the API and the account pages.</summary>
public sealed partial class AccountService(
    IUserRepository users,
    IPasswordHasher<UserDocument> hasher,
    IDataProtectionProvider dataProtection,
    IMailSender mail,
    IOptions<AuthOptions> options,
    TimeProvider clock,
    ILogger<AccountService> logger)
{
    const string DuplicateEmailMessage = "An account with this e-mail address exists. Sign in, or reset your password.";

    public async Task<AccountResult> SignUpAsync(SignupRequest request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (Invalid(request, now.Year, out var role) is { } invalid) return invalid;
        var user = new UserDocument
        {
            Id = DocumentIds.New(),
            CreatedAt = now,
        };
        Apply(user, request, role, now);
        var outcome = await users.InsertAsync(user, cancellationToken);
        if (outcome == WriteOutcome.Duplicate) return AccountResult.Fail(AccountErrorKind.DuplicateEmail, DuplicateEmailMessage);
        LogSignedUp(user.Id, role);
        return AccountResult.Ok(user);
    }

    /// <summary>Turns a guest into an account with the same id, so the guest's sessions and state stay theirs.</summary>
    public async Task<AccountResult> ClaimGuestAsync(string guestId, SignupRequest request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (Invalid(request, now.Year, out var role) is { } invalid) return invalid;
        var user = await users.FindAsync(guestId, cancellationToken);
        if (user is null) return AccountResult.Fail(AccountErrorKind.NotFound, "This guest no longer exists. Sign up instead.");
        if (!user.IsGuest) return AccountResult.Fail(AccountErrorKind.Conflict, "This account is already claimed.");
        Apply(user, request, role, now);
        user.IsGuest = false;
        return await users.UpdateAsync(user, cancellationToken) switch
        {
            WriteOutcome.Ok => AccountResult.Ok(user),
            WriteOutcome.Duplicate => AccountResult.Fail(AccountErrorKind.DuplicateEmail, DuplicateEmailMessage),
            _ => AccountResult.Fail(AccountErrorKind.Conflict, "The account changed while you claimed it; try again."),
        };
    }

    public async Task<UserDocument> CreateGuestAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var id = DocumentIds.New();
        var guest = new UserDocument
        {
            Id = id,
            LoginKey = UserDocument.GuestLoginKey(id),
            DisplayName = "Guest",
            Roles = [UserRoles.Viewer],
            IsGuest = true,
            SecurityStamp = DocumentIds.New(),
            CreatedAt = now,
            UpdatedAt = now,
        };
        if (await users.InsertAsync(guest, cancellationToken) != WriteOutcome.Ok)
            throw new InvalidOperationException("A new guest id collided with an existing user.");
        return guest;
    }

    /// <summary>The user for an e-mail and password, or a wrong-password error that does not say which one was wrong.</summary>
    public async Task<AccountResult> VerifyPasswordAsync(string? email, string? password, CancellationToken cancellationToken)
    {
        const string wrong = "The e-mail address or the password is wrong.";
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password) || password.Length > AccountValidation.MaxPasswordLength
            || email.Length > AccountValidation.MaxEmailLength)
            return AccountResult.Fail(AccountErrorKind.WrongPassword, wrong);
        var user = await users.FindByLoginKeyAsync(UserDocument.EmailLoginKey(AccountValidation.NormalizeEmail(email)), cancellationToken);
        if (user?.PasswordHash is null)
        {
            // Spend the same time as a real check, so timing does not reveal which addresses have accounts.
            hasher.HashPassword(new UserDocument(), password);
            return AccountResult.Fail(AccountErrorKind.WrongPassword, wrong);
        }
        var verdict = hasher.VerifyHashedPassword(user, user.PasswordHash, password);
        if (verdict == PasswordVerificationResult.Failed) return AccountResult.Fail(AccountErrorKind.WrongPassword, wrong);
        if (user.IsSuspended)
            return AccountResult.Fail(AccountErrorKind.Suspended, "This account is suspended for breaking the community rules. Reply to the e-mail we sent you to appeal.");
        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            user.PasswordHash = hasher.HashPassword(user, password);
            await users.UpdateAsync(user, cancellationToken);
        }
        return AccountResult.Ok(user);
    }

    public async Task<AccountResult> ChangePasswordAsync(string userId, string? currentPassword, string? newPassword, CancellationToken cancellationToken)
    {
        if (AccountValidation.PasswordError(newPassword) is { } error)
            return AccountResult.Fail(AccountErrorKind.Validation, error, new Dictionary<string, string[]> { ["newPassword"] = [error] });
        var user = await users.FindAsync(userId, cancellationToken);
        if (user?.PasswordHash is null) return AccountResult.Fail(AccountErrorKind.NotFound, "Sign in with an account (not as a guest) to change a password.");
        if (string.IsNullOrEmpty(currentPassword) || hasher.VerifyHashedPassword(user, user.PasswordHash, currentPassword) == PasswordVerificationResult.Failed)
            return AccountResult.Fail(AccountErrorKind.WrongPassword, "The current password is wrong.");
        return await SetPasswordAsync(user, newPassword!, cancellationToken);
    }

    /// <summary>Signs the account out everywhere: every token and cookie issued so far stops working.</summary>
    public async Task<AccountResult> SignOutEverywhereAsync(string userId, CancellationToken cancellationToken)
    {
        var user = await users.FindAsync(userId, cancellationToken);
        if (user is null) return AccountResult.Fail(AccountErrorKind.NotFound, "This account no longer exists.");
        user.SecurityStamp = DocumentIds.New();
        user.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        return await users.UpdateAsync(user, cancellationToken) == WriteOutcome.Ok
            ? AccountResult.Ok(user)
            : AccountResult.Fail(AccountErrorKind.Conflict, "The account changed at the same time; try again.");
    }

    /// <summary>Mails a reset link when the address has an account; says nothing either way, so addresses cannot be probed.</summary>
    public async Task RequestPasswordResetAsync(string? email, string baseUrl, CancellationToken cancellationToken)
    {
        if (AccountValidation.EmailError(email) is not null) return;
        var normalized = AccountValidation.NormalizeEmail(email!);
        var user = await users.FindByLoginKeyAsync(UserDocument.EmailLoginKey(normalized), cancellationToken);
        if (user is null) return;
        var token = ResetProtector().Protect($"{user.Id}|{user.SecurityStamp}", TimeSpan.FromMinutes(options.Value.PasswordResetMinutes));
        var link = $"{baseUrl.TrimEnd('/')}/account/reset?email={Uri.EscapeDataString(normalized)}&token={Uri.EscapeDataString(token)}";
        await mail.SendAsync(new MailMessageData(user.Email!, "Reset your FeedEngine password",
            $"""
            Hello {user.DisplayName},

            Someone asked to reset the password of your FeedEngine account. If it was you, open this link within {options.Value.PasswordResetMinutes} minutes:

            {link}

            If it was not you, ignore this message; your password stays as it is.
            """), cancellationToken);
        LogResetMailed(user.Id);
    }

    public async Task<AccountResult> ResetPasswordAsync(string? email, string? token, string? newPassword, CancellationToken cancellationToken)
    {
        const string invalidLink = "This reset link is invalid or has expired. Ask for a new one.";
        if (AccountValidation.PasswordError(newPassword) is { } error)
            return AccountResult.Fail(AccountErrorKind.Validation, error, new Dictionary<string, string[]> { ["newPassword"] = [error] });
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrWhiteSpace(token) || token.Length > 2048)
            return AccountResult.Fail(AccountErrorKind.InvalidResetLink, invalidLink);
        string payload;
        try
        {
            payload = ResetProtector().Unprotect(token, out _);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return AccountResult.Fail(AccountErrorKind.InvalidResetLink, invalidLink);
        }
        var parts = payload.Split('|');
        var user = parts.Length == 2 ? await users.FindAsync(parts[0], cancellationToken) : null;
        if (user is null || user.SecurityStamp != parts[1] || user.Email is null
            || AccountValidation.NormalizeEmail(user.Email) != AccountValidation.NormalizeEmail(email))
            return AccountResult.Fail(AccountErrorKind.InvalidResetLink, invalidLink);
        return await SetPasswordAsync(user, newPassword!, cancellationToken);
    }

    /// <summary>The user's roles with admin added for addresses named in configuration.</summary>
    public IReadOnlyList<string> EffectiveRoles(UserDocument user)
    {
        var admins = options.Value.Admins;
        var isAdmin = !user.IsGuest && user.Email is not null
            && admins.Any(a => AccountValidation.NormalizeEmail(a) == AccountValidation.NormalizeEmail(user.Email));
        return isAdmin ? [.. user.Roles.Where(r => r != UserRoles.Admin), UserRoles.Admin] : [.. user.Roles.Where(r => r != UserRoles.Admin)];
    }

    public AccountView View(UserDocument user) => new(user.Id, user.Email, user.DisplayName, user.BirthYear, EffectiveRoles(user), user.IsGuest);

    AccountResult? Invalid(SignupRequest request, int year, out string role)
    {
        var errors = AccountValidation.ValidateSignup(request, year, out role);
        return errors.Count == 0 ? null
            : AccountResult.Fail(AccountErrorKind.Validation, string.Join(" ", errors.Values.SelectMany(v => v)), errors);
    }

    void Apply(UserDocument user, SignupRequest request, string role, DateTime now)
    {
        var email = request.Email!.Trim();
        user.Email = email;
        user.LoginKey = UserDocument.EmailLoginKey(AccountValidation.NormalizeEmail(email));
        user.DisplayName = request.DisplayName!.Trim();
        user.BirthYear = request.BirthYear;
        user.Roles = role == UserRoles.Viewer ? [UserRoles.Viewer] : [UserRoles.Viewer, role];
        user.PasswordHash = hasher.HashPassword(user, request.Password!);
        user.SecurityStamp = DocumentIds.New();
        user.UpdatedAt = now;
    }

    async Task<AccountResult> SetPasswordAsync(UserDocument user, string newPassword, CancellationToken cancellationToken)
    {
        user.PasswordHash = hasher.HashPassword(user, newPassword);
        user.SecurityStamp = DocumentIds.New();
        user.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        return await users.UpdateAsync(user, cancellationToken) == WriteOutcome.Ok
            ? AccountResult.Ok(user)
            : AccountResult.Fail(AccountErrorKind.Conflict, "The account changed at the same time; try again.");
    }

    ITimeLimitedDataProtector ResetProtector() => dataProtection.CreateProtector("FeedEngine.PasswordReset").ToTimeLimitedDataProtector();

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} signed up as {Role}")]
    partial void LogSignedUp(string userId, string role);

    [LoggerMessage(Level = LogLevel.Information, Message = "Password reset mailed to user {UserId}")]
    partial void LogResetMailed(string userId);
}
