using System.ComponentModel.DataAnnotations;

namespace FeedEngine.Web.Accounts;

public sealed class AuthOptions
{
    public const string SectionName = "Auth";

    /// <summary>The HMAC key that signs access tokens (at least 32 characters). Unset: generated once and kept in the data directory.</summary>
    [MinLength(32)]
    public string? SigningKey { get; set; }

    [Required]
    public string Issuer { get; set; } = "feedengine";

    [Range(1, 24 * 60)]
    public int AccessTokenMinutes { get; set; } = 60;

    /// <summary>Lifetime of the token handed to the feed's browser code; it asks again before it runs out.</summary>
    [Range(1, 24 * 60)]
    public int BrowserTokenMinutes { get; set; } = 15;

    [Range(5, 24 * 60)]
    public int PasswordResetMinutes { get; set; } = 60;

    /// <summary>E-mail addresses whose accounts hold the admin role. Nobody can sign up as admin.</summary>
    public List<string> Admins { get; set; } = [];

    /// <summary>Sign-up, sign-in and reset requests per client address per minute.</summary>
    [Range(1, 100_000)]
    public int AuthRequestsPerMinute { get; set; } = 20;

    /// <summary>Where links in e-mails point, e.g. https://feed.example.com. Unset: the request's own address.</summary>
    public string? PublicBaseUrl { get; set; }
}

public sealed class MailOptions
{
    public const string SectionName = "Mail";

    /// <summary>SMTP server host. Unset: messages are written to <c>{DataDirectory}/mail</c> as .eml files.</summary>
    public string? SmtpHost { get; set; }

    [Range(1, 65535)]
    public int SmtpPort { get; set; } = 587;

    public bool SmtpTls { get; set; } = true;
    public string? SmtpUser { get; set; }
    public string? SmtpPassword { get; set; }

    [Required]
    public string From { get; set; } = "FeedEngine <no-reply@feedengine.local>";
}
