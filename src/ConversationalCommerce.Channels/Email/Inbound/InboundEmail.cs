using MimeKit;

namespace ConversationalCommerce.Channels.Email.Inbound;

/// <summary>What the channel needs of one received mail, decoded whatever its charset or HTML-only form.</summary>
public sealed record InboundEmail
{
    public required string MessageId { get; init; }
    public required string FromAddress { get; init; }
    public string FromName { get; init; } = "";
    public string Subject { get; init; } = "";
    /// <summary>To, Cc, Delivered-To, X-Original-To: where a reply token may appear.</summary>
    public IReadOnlyList<string> Recipients { get; init; } = [];
    public string? InReplyTo { get; init; }
    public IReadOnlyList<string> References { get; init; } = [];
    /// <summary>The full text (HTML converted), before quoted history is removed.</summary>
    public string FullText { get; init; } = "";
    /// <summary>What the sender wrote in this mail: quoted history and signature removed.</summary>
    public string NewText { get; init; } = "";

    /// <summary>Parses raw MIME (the code pages are registered by <see cref="MailCharsets"/> at module load).</summary>
    public static Task<MimeMessage> ParseAsync(Stream raw, CancellationToken cancellationToken) => MimeMessage.LoadAsync(raw, cancellationToken);

    public static MimeMessage Parse(Stream raw) => MimeMessage.Load(raw);

    public static InboundEmail From(MimeMessage message, string messageId)
    {
        var from = message.From.Mailboxes.FirstOrDefault()
            ?? message.Sender
            ?? throw new FormatException("The message has no sender address.");
        var recipients = message.To.Mailboxes.Concat(message.Cc.Mailboxes).Select(m => m.Address)
            .Concat(HeaderAddresses(message, "Delivered-To"))
            .Concat(HeaderAddresses(message, "X-Original-To"))
            .Concat(HeaderAddresses(message, "Envelope-To"))
            .Where(a => !string.IsNullOrWhiteSpace(a))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        var full = BodyText(message);
        return new InboundEmail
        {
            MessageId = messageId,
            FromAddress = from.Address.Trim().ToLowerInvariant(),
            FromName = from.Name ?? "",
            Subject = message.Subject ?? "",
            Recipients = recipients,
            InReplyTo = message.InReplyTo,
            References = message.References.ToList(),
            FullText = full,
            NewText = QuotedTextStripper.Strip(full),
        };
    }

    /// <summary>text/plain when there is one, else the HTML body turned into text. MimeKit decodes every charset.</summary>
    public static string BodyText(MimeMessage message)
    {
        var text = message.TextBody;
        if (!string.IsNullOrWhiteSpace(text)) return text;
        var html = message.HtmlBody;
        if (string.IsNullOrWhiteSpace(html)) return "";
        return HtmlText.Convert(html);
    }

    private static IEnumerable<string> HeaderAddresses(MimeMessage message, string header) =>
        message.Headers.Where(h => h.Field.Equals(header, StringComparison.OrdinalIgnoreCase))
            .SelectMany(h => InternetAddressList.TryParse(h.Value, out var list) ? list.Mailboxes.Select(m => m.Address) : []);
}
