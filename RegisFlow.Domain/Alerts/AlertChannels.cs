using System.Net.Http.Json;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using RegisFlow.Domain.Monitoring;

namespace RegisFlow.Domain.Alerts;

/// <summary>What a channel sends: the problem, when it started, and which server it comes from.</summary>
public sealed record AlertNotice(string Kind, string Key, string Title, string Message, DateTimeOffset StartedAt, string Host);

/// <summary>A way to tell someone who is not looking at the administration page.</summary>
public interface IAlertChannel
{
    string Name { get; }
    bool Enabled { get; }
    Task SendAsync(AlertNotice notice, CancellationToken ct);
}

/// <summary>POSTs the notice as JSON to ALERT_WEBHOOK_URL (a chat webhook, an incident tool...).</summary>
public sealed class WebhookAlertChannel(IHttpClientFactory http, MonitoringOptions options) : IAlertChannel
{
    public const string HttpClientName = "alerts";

    public string Name => "webhook";
    public bool Enabled => options.Channels.WebhookUrl is not null;

    public async Task SendAsync(AlertNotice notice, CancellationToken ct)
    {
        using var client = http.CreateClient(HttpClientName);
        using var response = await client.PostAsJsonAsync(options.Channels.WebhookUrl, new
        {
            app = "RegisFlow",
            status = "firing",
            kind = notice.Kind,
            key = notice.Key,
            title = notice.Title,
            // "text" is what Slack/Mattermost-style webhooks display.
            text = $"RegisFlow ({notice.Host}) — {notice.Title} : {notice.Message}",
            message = notice.Message,
            startedAt = notice.StartedAt,
            host = notice.Host,
        }, ct);
        response.EnsureSuccessStatusCode();
    }
}

/// <summary>Sends the notice by e-mail over SMTP (MailKit) to ALERT_EMAIL_TO.</summary>
public sealed class EmailAlertChannel(MonitoringOptions options) : IAlertChannel
{
    public string Name => "e-mail";
    public bool Enabled => options.Channels.EmailEnabled;

    public async Task SendAsync(AlertNotice notice, CancellationToken ct)
    {
        var settings = options.Channels;
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(settings.EmailFrom));
        foreach (var to in settings.EmailTo)
        {
            message.To.Add(MailboxAddress.Parse(to));
        }
        message.Subject = $"[RegisFlow] Alerte : {notice.Title}";
        message.Body = new TextPart("plain")
        {
            Text = $"""
                {notice.Title}

                {notice.Message}

                Depuis le {notice.StartedAt.UtcDateTime:dd/MM/yyyy HH:mm} (UTC), serveur {notice.Host}.
                Détails et historique : page Administration > Alertes de RegisFlow.
                """,
        };
        using var smtp = new SmtpClient { Timeout = 15_000 };
        var security = settings.SmtpSecurity.ToLowerInvariant() switch
        {
            "none" => SecureSocketOptions.None,
            "starttls" => SecureSocketOptions.StartTls,
            "ssl" => SecureSocketOptions.SslOnConnect,
            _ => SecureSocketOptions.Auto,
        };
        await smtp.ConnectAsync(settings.SmtpHost!, settings.SmtpPort, security, ct);
        if (!string.IsNullOrEmpty(settings.SmtpUser))
        {
            await smtp.AuthenticateAsync(settings.SmtpUser, settings.SmtpPassword ?? "", ct);
        }
        await smtp.SendAsync(message, ct);
        await smtp.DisconnectAsync(quit: true, ct);
    }
}
