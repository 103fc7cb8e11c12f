using System.Net;
using System.Net.Mail;
using System.Text;
using FeedEngine.Storage;
using Microsoft.Extensions.Options;

namespace FeedEngine.Web.Accounts;

public sealed record MailMessageData(string To, string Subject, string Body);

/// <summary>Sends account e-mail: through SMTP when configured, else into a pickup folder.</summary>
public interface IMailSender
{
    Task SendAsync(MailMessageData message, CancellationToken cancellationToken);
}

/// <summary>Writes each message as an .eml file under <c>{DataDirectory}/mail</c>, for a server with no SMTP configured.</summary>
public sealed partial class PickupFolderMailSender(IOptions<StorageOptions> storage, IOptions<MailOptions> mail, TimeProvider clock, ILogger<PickupFolderMailSender> logger) : IMailSender
{
    public string Folder { get; } = Path.Combine(Path.GetFullPath(storage.Value.DataDirectory), "mail");

    public async Task SendAsync(MailMessageData message, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Folder);
        var now = clock.GetUtcNow();
        var path = Path.Combine(Folder, $"{now:yyyyMMdd-HHmmss}-{DocumentIds.New()}.eml");
        var eml = new StringBuilder()
            .Append("From: ").Append(mail.Value.From).Append("\r\n")
            .Append("To: ").Append(message.To).Append("\r\n")
            .Append("Subject: ").Append(message.Subject).Append("\r\n")
            .Append("Date: ").Append(now.ToString("r")).Append("\r\n")
            .Append("Content-Type: text/plain; charset=utf-8\r\n\r\n")
            .Append(message.Body.ReplaceLineEndings("\r\n"));
        await File.WriteAllTextAsync(path, eml.ToString(), cancellationToken);
        LogWritten(path);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "No SMTP server is configured; the e-mail was written to {Path}")]
    partial void LogWritten(string path);
}

public sealed class SmtpMailSender(IOptions<MailOptions> options) : IMailSender
{
    public async Task SendAsync(MailMessageData message, CancellationToken cancellationToken)
    {
        var o = options.Value;
        using var client = new SmtpClient(o.SmtpHost, o.SmtpPort) { EnableSsl = o.SmtpTls };
        if (!string.IsNullOrEmpty(o.SmtpUser)) client.Credentials = new NetworkCredential(o.SmtpUser, o.SmtpPassword);
        using var mail = new MailMessage { From = new MailAddress(o.From), Subject = message.Subject, Body = message.Body };
        mail.To.Add(message.To);
        await client.SendMailAsync(mail, cancellationToken);
    }
}
