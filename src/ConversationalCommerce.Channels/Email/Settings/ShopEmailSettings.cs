using System.Text.Json.Serialization;

namespace ConversationalCommerce.Channels.Email.Settings;

/// <summary>How to secure an SMTP/IMAP connection; written as its name in JSON ("StartTls").</summary>
[JsonConverter(typeof(JsonStringEnumConverter<EmailTlsMode>))]
public enum EmailTlsMode
{
    None = 0,
    StartTls = 1,
    SslOnConnect = 2,
}

/// <summary>One shop's email channel, as the merchant set it. Stored encrypted; passwords and the webhook secret never leave the app.</summary>
public sealed record ShopEmailSettings
{
    public required string SmtpHost { get; init; }
    public int SmtpPort { get; init; } = 587;
    public EmailTlsMode SmtpTls { get; init; } = EmailTlsMode.StartTls;
    public string? SmtpUser { get; init; }
    public string? SmtpPassword { get; init; }

    public required string FromAddress { get; init; }
    public string FromName { get; init; } = "";
    /// <summary>Domain of reply+token@ addresses; mail to it must reach the IMAP mailbox or the inbound webhook.</summary>
    public required string InboundDomain { get; init; }

    public string? ImapHost { get; init; }
    public int ImapPort { get; init; } = 993;
    public EmailTlsMode ImapTls { get; init; } = EmailTlsMode.SslOnConnect;
    public string? ImapUser { get; init; }
    public string? ImapPassword { get; init; }

    /// <summary>Shared secret of the inbound webhook (header X-Webhook-Secret, or an HMAC of the body with it).</summary>
    public string? WebhookSecret { get; init; }

    public bool ImapEnabled => !string.IsNullOrWhiteSpace(ImapHost) && !string.IsNullOrWhiteSpace(ImapUser);
}
