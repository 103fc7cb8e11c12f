using System.Security.Claims;
using FeedEngine.Storage.Users;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace FeedEngine.Web.Accounts;

/// <summary>Cookie sign-in and sign-out for the pages.</summary>
public static class AccountCookies
{
    public static Task SignInAsync(HttpContext context, UserDocument user, IEnumerable<string> roles) =>
        context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
            new ClaimsPrincipal(FeedClaims.Identity(user, roles, CookieAuthenticationDefaults.AuthenticationScheme)),
            new AuthenticationProperties { IsPersistent = true });

    /// <summary>Only local paths are followed after sign-in, so a link cannot send a person elsewhere.</summary>
    public static string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//") && !returnUrl.StartsWith("/\\") ? returnUrl : "/";

    public static IEndpointRouteBuilder MapSignOut(this IEndpointRouteBuilder app)
    {
        app.MapPost("/account/signout", async (HttpContext context, IAntiforgery antiforgery) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context))
                return Results.Problem("The sign-out form expired. Reload the page and try again.", statusCode: StatusCodes.Status400BadRequest);
            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.LocalRedirect("/");
        }).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
        return app;
    }
}
