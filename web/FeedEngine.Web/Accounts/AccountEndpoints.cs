using FeedEngine.Storage.Users;
using FeedEngine.Web.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace FeedEngine.Web.Accounts;

public static class AccountEndpoints
{
    /// <summary>Account bodies are small; anything larger is refused before it is read.</summary>
    const long MaxBodyBytes = 16 * 1024;

    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/auth").WithTags("Accounts").DisableAntiforgery()
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxBodyBytes));

        auth.MapPost("/signup", SignUpAsync).AllowAnonymous().RequireRateLimiting(AccountsExtensions.AuthRateLimitPolicy)
            .WithSummary("Create an account (viewer, creator or advertiser) and get an access token.");
        auth.MapPost("/token", TokenAsync).AllowAnonymous().RequireRateLimiting(AccountsExtensions.AuthRateLimitPolicy)
            .WithSummary("Exchange an e-mail and password for an access token.");
        auth.MapPost("/guest", GuestAsync).AllowAnonymous().RequireRateLimiting(AccountsExtensions.AuthRateLimitPolicy)
            .WithSummary("Start as a guest: a viewer id and an access token, no sign-up needed.");
        auth.MapPost("/claim", ClaimAsync).RequireAuthorization(Policies.Viewer)
            .WithSummary("Turn the calling guest into an account, keeping its id and history.");
        auth.MapGet("/me", MeAsync).RequireAuthorization(Policies.Viewer).WithSummary("The signed-in account.");
        auth.MapPost("/password", ChangePasswordAsync).RequireAuthorization(Policies.Member)
            .WithSummary("Change the password; every other token and cookie of the account stops working.");
        auth.MapPost("/signout", SignOutEverywhereAsync).RequireAuthorization(Policies.Viewer)
            .WithSummary("Sign out everywhere: every token and cookie of this account stops working.");
        auth.MapPost("/password-reset", RequestResetAsync).AllowAnonymous().RequireRateLimiting(AccountsExtensions.AuthRateLimitPolicy)
            .WithSummary("Mail a password reset link, if the address has an account.");
        auth.MapPost("/password-reset/confirm", ConfirmResetAsync).AllowAnonymous().RequireRateLimiting(AccountsExtensions.AuthRateLimitPolicy)
            .WithSummary("Set a new password with the token from a reset link.");
        auth.MapGet("/browser-token", BrowserTokenAsync).RequireAuthorization(Policies.Viewer)
            .WithSummary("A short-lived access token for the feed's browser code of the cookie-signed-in user.");
        return app;
    }

    static async Task<Results<Ok<SignupResponse>, ValidationProblem, ProblemHttpResult>> SignUpAsync(
        SignupRequest request, AccountService accounts, TokenService tokens, CancellationToken cancellationToken)
    {
        var result = await accounts.SignUpAsync(request, cancellationToken);
        if (result.Error is { } error) return error.Kind == AccountErrorKind.Validation ? Invalid(error) : Failure(error);
        var user = result.User!;
        var (token, expires) = tokens.Issue(user, accounts.EffectiveRoles(user));
        return TypedResults.Ok(new SignupResponse(user.Id, token, expires, accounts.View(user)));
    }

    static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> TokenAsync(
        TokenRequest request, AccountService accounts, TokenService tokens, CancellationToken cancellationToken)
    {
        var result = await accounts.VerifyPasswordAsync(request.Email, request.Password, cancellationToken);
        if (result.Error is { } error)
            return error.Kind == AccountErrorKind.Suspended
                ? TypedResults.Problem(error.Message, statusCode: StatusCodes.Status403Forbidden, title: "Account suspended")
                : TypedResults.Problem(error.Message, statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed");
        var (token, expires) = tokens.Issue(result.User!, accounts.EffectiveRoles(result.User!));
        return TypedResults.Ok(new TokenResponse(token, expires, result.User!.Id));
    }

    static async Task<Ok<GuestResponse>> GuestAsync(AccountService accounts, TokenService tokens, CancellationToken cancellationToken)
    {
        var guest = await accounts.CreateGuestAsync(cancellationToken);
        var (token, expires) = tokens.Issue(guest, accounts.EffectiveRoles(guest));
        return TypedResults.Ok(new GuestResponse(token, guest.Id, expires));
    }

    static async Task<Results<Ok<SignupResponse>, ValidationProblem, ProblemHttpResult>> ClaimAsync(
        SignupRequest request, HttpContext context, AccountService accounts, TokenService tokens, CancellationToken cancellationToken)
    {
        var result = await accounts.ClaimGuestAsync(FeedClaims.UserIdOf(context.User)!, request, cancellationToken);
        if (result.Error is { } error) return error.Kind == AccountErrorKind.Validation ? Invalid(error) : Failure(error);
        var user = result.User!;
        var (token, expires) = tokens.Issue(user, accounts.EffectiveRoles(user));
        return TypedResults.Ok(new SignupResponse(user.Id, token, expires, accounts.View(user)));
    }

    static async Task<Results<Ok<AccountView>, ProblemHttpResult>> MeAsync(HttpContext context, IUserRepository users, AccountService accounts, CancellationToken cancellationToken) =>
        await users.FindAsync(FeedClaims.UserIdOf(context.User)!, cancellationToken) is { } user
            ? TypedResults.Ok(accounts.View(user))
            : TypedResults.Problem("This account no longer exists.", statusCode: StatusCodes.Status404NotFound);

    static async Task<Results<Ok<TokenResponse>, ValidationProblem, ProblemHttpResult>> ChangePasswordAsync(
        ChangePasswordRequest request, HttpContext context, AccountService accounts, TokenService tokens, CancellationToken cancellationToken)
    {
        var result = await accounts.ChangePasswordAsync(FeedClaims.UserIdOf(context.User)!, request.CurrentPassword, request.NewPassword, cancellationToken);
        if (result.Error is { } error) return error.Kind == AccountErrorKind.Validation ? Invalid(error) : Failure(error);
        var (token, expires) = tokens.Issue(result.User!, accounts.EffectiveRoles(result.User!));
        return TypedResults.Ok(new TokenResponse(token, expires, result.User!.Id));
    }

    static async Task<Results<NoContent, ProblemHttpResult>> SignOutEverywhereAsync(HttpContext context, AccountService accounts, CancellationToken cancellationToken)
    {
        var result = await accounts.SignOutEverywhereAsync(FeedClaims.UserIdOf(context.User)!, cancellationToken);
        if (result.Error is { } error) return Failure(error);
        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return TypedResults.NoContent();
    }

    static async Task<Accepted> RequestResetAsync(PasswordResetRequest request, HttpContext context, AccountService accounts, IOptions<AuthOptions> options, CancellationToken cancellationToken)
    {
        await accounts.RequestPasswordResetAsync(request.Email, PublicBaseUrl(context, options.Value), cancellationToken);
        return TypedResults.Accepted((string?)null);
    }

    static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> ConfirmResetAsync(
        PasswordResetConfirmRequest request, AccountService accounts, CancellationToken cancellationToken)
    {
        var result = await accounts.ResetPasswordAsync(request.Email, request.Token, request.NewPassword, cancellationToken);
        if (result.Error is { } error) return error.Kind == AccountErrorKind.Validation ? Invalid(error) : Failure(error);
        return TypedResults.NoContent();
    }

    static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> BrowserTokenAsync(
        HttpContext context, IUserRepository users, AccountService accounts, TokenService tokens, CancellationToken cancellationToken)
    {
        if (await users.FindAsync(FeedClaims.UserIdOf(context.User)!, cancellationToken) is not { } user)
            return TypedResults.Problem("This account no longer exists.", statusCode: StatusCodes.Status404NotFound);
        var (token, expires) = tokens.Issue(user, accounts.EffectiveRoles(user), tokens.BrowserTokenLifetime);
        return TypedResults.Ok(new TokenResponse(token, expires, user.Id));
    }

    public static string PublicBaseUrl(HttpContext context, AuthOptions options) =>
        options.PublicBaseUrl ?? $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}";

    static ValidationProblem Invalid(AccountError error) =>
        TypedResults.ValidationProblem(error.Errors ?? new Dictionary<string, string[]>(), error.Message, title: "Please correct the highlighted fields");

    static ProblemHttpResult Failure(AccountError error) => error.Kind switch
    {
        AccountErrorKind.DuplicateEmail => TypedResults.Problem(error.Message, statusCode: StatusCodes.Status409Conflict, title: "E-mail already registered"),
        AccountErrorKind.WrongPassword => TypedResults.Problem(error.Message, statusCode: StatusCodes.Status400BadRequest, title: "Wrong password"),
        AccountErrorKind.NotFound => TypedResults.Problem(error.Message, statusCode: StatusCodes.Status404NotFound),
        AccountErrorKind.Conflict => TypedResults.Problem(error.Message, statusCode: StatusCodes.Status409Conflict),
        _ => TypedResults.Problem(error.Message, statusCode: StatusCodes.Status400BadRequest, title: "Invalid request"),
    };
}
