using System.Threading.RateLimiting;
using FeedEngine.Storage.Users;
using FeedEngine.Web.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace FeedEngine.Web.Accounts;

public static class AccountsExtensions
{
    /// <summary>The scheme that picks bearer tokens for the API and the hub, and the cookie for pages.</summary>
    public const string SmartScheme = "FeedEngine";
    public const string AuthRateLimitPolicy = "auth";

    public static IHostApplicationBuilder AddAccounts(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<MailOptions>().BindConfiguration(MailOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();

        builder.Services.AddSingleton<IPasswordHasher<UserDocument>, PasswordHasher<UserDocument>>();
        builder.Services.AddSingleton<TokenService>();
        builder.Services.AddSingleton<PrincipalValidator>();
        builder.Services.AddScoped<AccountService>();
        builder.Services.AddSingleton<IUserIdProvider, SubjectUserIdProvider>();
        builder.Services.AddSingleton<PickupFolderMailSender>();
        builder.Services.AddSingleton<SmtpMailSender>();
        builder.Services.AddSingleton<IMailSender>(sp => string.IsNullOrWhiteSpace(sp.GetRequiredService<IOptions<MailOptions>>().Value.SmtpHost)
            ? sp.GetRequiredService<PickupFolderMailSender>()
            : sp.GetRequiredService<SmtpMailSender>());

        builder.Services.AddAuthentication(SmartScheme)
            .AddPolicyScheme(SmartScheme, "Bearer token or cookie", o => o.ForwardDefaultSelector = SelectScheme)
            .AddCookie(CookieAuthenticationDefaults.AuthenticationScheme, o =>
            {
                o.Cookie.Name = "feedengine.auth";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.LoginPath = "/account/signin";
                o.LogoutPath = "/account/signout";
                o.AccessDeniedPath = "/account/denied";
                o.ExpireTimeSpan = TimeSpan.FromDays(14);
                o.SlidingExpiration = true;
                o.Events.OnValidatePrincipal = async context =>
                {
                    var validator = context.HttpContext.RequestServices.GetRequiredService<PrincipalValidator>();
                    if (!await validator.IsCurrentAsync(context.Principal!, context.HttpContext.RequestAborted))
                    {
                        context.RejectPrincipal();
                        await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
                    }
                };
            })
            .AddJwtBearer(JwtBearerDefaults.AuthenticationScheme, o =>
            {
                o.MapInboundClaims = false;
                o.Events = new JwtBearerEvents
                {
                    // WebSockets and server-sent events cannot send headers: the hub takes the token from the query.
                    OnMessageReceived = context =>
                    {
                        if (context.Request.Path.StartsWithSegments("/hubs") && context.Request.Query["access_token"] is { Count: > 0 } token)
                            context.Token = token;
                        return Task.CompletedTask;
                    },
                    OnTokenValidated = async context =>
                    {
                        var validator = context.HttpContext.RequestServices.GetRequiredService<PrincipalValidator>();
                        if (!await validator.IsCurrentAsync(context.Principal!, context.HttpContext.RequestAborted))
                            context.Fail("The token was revoked: the password changed, the account was signed out everywhere, or it was suspended.");
                    },
                    OnChallenge = async context =>
                    {
                        context.HandleResponse();
                        var message = context.AuthenticateFailure is null
                            ? "Sign in first: send an access token from POST /api/auth/token or POST /api/auth/guest as 'Authorization: Bearer <token>'."
                            : "The access token is invalid or has expired. Ask for a new one at POST /api/auth/token or POST /api/auth/guest.";
                        await Problems.WriteAsync(context.HttpContext, StatusCodes.Status401Unauthorized, "Not signed in", message);
                    },
                    OnForbidden = context => Problems.WriteAsync(context.HttpContext, StatusCodes.Status403Forbidden, "Not allowed",
                        "Your account does not have the role this needs."),
                };
            });
        builder.Services.AddSingleton<IPostConfigureOptions<JwtBearerOptions>, JwtBearerKeySetup>();

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Viewer, p => p.RequireAuthenticatedUser())
            .AddPolicy(Policies.Member, p => p.RequireAuthenticatedUser().RequireAssertion(c => !c.User.HasClaim(FeedClaims.Guest, "true")))
            .AddPolicy(Policies.Creator, p => p.RequireAuthenticatedUser().RequireRole(UserRoles.Creator, UserRoles.Admin))
            .AddPolicy(Policies.Advertiser, p => p.RequireAuthenticatedUser().RequireRole(UserRoles.Advertiser, UserRoles.Admin))
            .AddPolicy(Policies.Admin, p => p.RequireAuthenticatedUser().RequireRole(UserRoles.Admin));

        builder.Services.Configure<Microsoft.AspNetCore.RateLimiting.RateLimiterOptions>(o => o.AddPolicy(AuthRateLimitPolicy, context =>
            RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = context.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value.AuthRequestsPerMinute,
                Window = TimeSpan.FromMinutes(1),
            })));
        return builder;
    }

    static string SelectScheme(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return JwtBearerDefaults.AuthenticationScheme;
        if (context.Request.Path.StartsWithSegments("/hubs") && context.Request.Query.ContainsKey("access_token")) return JwtBearerDefaults.AuthenticationScheme;
        // API callers get a 401 ProblemDetails, not a redirect to the sign-in page, unless the browser sends our cookie.
        if (context.Request.Path.StartsWithSegments("/api") && !context.Request.Cookies.ContainsKey("feedengine.auth"))
            return JwtBearerDefaults.AuthenticationScheme;
        return CookieAuthenticationDefaults.AuthenticationScheme;
    }

    sealed class JwtBearerKeySetup(TokenService tokens) : IPostConfigureOptions<JwtBearerOptions>
    {
        public void PostConfigure(string? name, JwtBearerOptions options) => options.TokenValidationParameters = tokens.ValidationParameters();
    }

    /// <summary>SignalR's user id is the token's <c>sub</c> claim.</summary>
    sealed class SubjectUserIdProvider : IUserIdProvider
    {
        public string? GetUserId(HubConnectionContext connection) => FeedClaims.UserIdOf(connection.User);
    }
}

/// <summary>Checks that a cookie's or token's user still exists, is not suspended, and that its credentials have not changed since.</summary>
public sealed class PrincipalValidator(IUserRepository users)
{
    public async Task<bool> IsCurrentAsync(System.Security.Claims.ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        var id = FeedClaims.UserIdOf(principal);
        var stamp = principal.FindFirst(FeedClaims.Stamp)?.Value;
        if (id is null || stamp is null) return false;
        var user = await users.FindAsync(id, cancellationToken);
        return user is not null && user.SecurityStamp == stamp && !user.IsSuspended;
    }
}
