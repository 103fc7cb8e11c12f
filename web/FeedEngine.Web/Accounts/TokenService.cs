using System.Security.Claims;
using FeedEngine.Web.Hosting;
using FeedEngine.Storage.Users;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace FeedEngine.Web.Accounts;

/// <summary>The claim types FeedEngine puts in tokens and cookies.</summary>
public static class FeedClaims
{
    public const string UserId = "sub";
    public const string Name = "name";
    public const string Role = "role";
    public const string Stamp = "stamp";
    public const string Guest = "guest";

    public static ClaimsIdentity Identity(UserDocument user, IEnumerable<string> roles, string authenticationType)
    {
        var identity = new ClaimsIdentity(authenticationType, Name, Role);
        identity.AddClaim(new Claim(UserId, user.Id));
        identity.AddClaim(new Claim(Name, user.DisplayName));
        identity.AddClaim(new Claim(Stamp, user.SecurityStamp));
        if (user.IsGuest) identity.AddClaim(new Claim(Guest, "true"));
        foreach (var role in roles) identity.AddClaim(new Claim(Role, role));
        return identity;
    }

    public static string? UserIdOf(ClaimsPrincipal principal) => principal.FindFirst(UserId)?.Value;
}

/// <summary>Signs bearer tokens for the API, the hub and the feed's browser code.</summary>
public sealed class TokenService
{
    readonly JsonWebTokenHandler handler = new();
    readonly AuthOptions options;
    readonly TimeProvider clock;

    public TokenService(IOptions<AuthOptions> options, TokenSigningKey sharedKey, TimeProvider clock)
    {
        this.options = options.Value;
        this.clock = clock;
        SigningKey = new SymmetricSecurityKey(string.IsNullOrEmpty(this.options.SigningKey)
            ? sharedKey.Get()
            : System.Text.Encoding.UTF8.GetBytes(this.options.SigningKey));
    }

    public SymmetricSecurityKey SigningKey { get; }

    public TokenValidationParameters ValidationParameters() => new()
    {
        ValidIssuer = options.Issuer,
        ValidAudience = options.Issuer,
        IssuerSigningKey = SigningKey,
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        NameClaimType = FeedClaims.Name,
        RoleClaimType = FeedClaims.Role,
        ClockSkew = TimeSpan.FromSeconds(30),
    };

    public (string Token, DateTimeOffset ExpiresAt) Issue(UserDocument user, IEnumerable<string> roles, TimeSpan? lifetime = null)
    {
        var now = clock.GetUtcNow();
        var expires = now + (lifetime ?? TimeSpan.FromMinutes(options.AccessTokenMinutes));
        var token = handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Issuer,
            Audience = options.Issuer,
            Subject = FeedClaims.Identity(user, roles, "Bearer"),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = new SigningCredentials(SigningKey, SecurityAlgorithms.HmacSha256),
        });
        return (token, expires);
    }

    public TimeSpan BrowserTokenLifetime => TimeSpan.FromMinutes(options.BrowserTokenMinutes);
}
