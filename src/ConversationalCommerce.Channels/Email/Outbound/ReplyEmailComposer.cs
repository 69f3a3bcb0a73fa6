using ConversationalCommerce.Channels.Email.Inbound;
using ConversationalCommerce.Channels.Email.Settings;
using ConversationalCommerce.Channels.Email.Threads;
using ConversationalCommerce.Domain.Email;
using ConversationalCommerce.Engine.Replies;
using MimeKit;

namespace ConversationalCommerce.Channels.Email.Outbound;

/// <summary>Everything one outgoing mail is made of besides the reply itself.</summary>
public sealed record OutgoingEmail(
    Guid OutboxId,
    string Recipient,
    ShopEmailSettings Settings,
    EmailThread Thread,
    string ShopName,
    string StorefrontBase,
    string AppBase,
    string AccentColor,
    IReadOnlyList<string> ThreadMessageIds,
    string? InReplyTo,
    bool Automatic,
    DateTimeOffset Date);

/// <summary>
/// Builds the MIME message of a reply: our Message-ID, threading headers, the per-conversation Reply-To, one-click
/// List-Unsubscribe (RFC 8058), Auto-Submitted for machine answers (RFC 3834), X-Loop, text and HTML alternatives.
/// </summary>
public static class ReplyEmailComposer
{
    public static MimeMessage Compose(Reply reply, OutgoingEmail mail)
    {
        var s = mail.Settings;
        var replyAddress = EmailAddresses.ReplyAddress(mail.Thread.ReplyToken, s.InboundDomain);
        var subject = Subject(mail.Thread.Subject, mail.ShopName);
        var unsubscribeUrl = $"{mail.AppBase.TrimEnd('/')}/email/unsubscribe/{mail.Thread.UnsubscribeToken}";
        var links = new ReplyLinks(mail.StorefrontBase, mail.AppBase, replyAddress, subject, unsubscribeUrl);

        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(string.IsNullOrWhiteSpace(s.FromName) ? mail.ShopName : s.FromName, s.FromAddress));
        message.To.Add(MailboxAddress.Parse(mail.Recipient));
        message.ReplyTo.Add(new MailboxAddress(string.IsNullOrWhiteSpace(s.FromName) ? mail.ShopName : s.FromName, replyAddress));
        message.Subject = subject;
        message.Date = mail.Date;
        message.MessageId = EmailAddresses.MessageId(mail.OutboxId, EmailAddresses.DomainOf(s.FromAddress));
        if (mail.InReplyTo is not null) message.InReplyTo = mail.InReplyTo;
        foreach (var id in mail.ThreadMessageIds) message.References.Add(id);

        var unsubscribeMailto = $"mailto:{EmailAddresses.UnsubscribeAddress(mail.Thread.UnsubscribeToken, s.InboundDomain)}?subject=unsubscribe";
        message.Headers.Add(HeaderId.ListUnsubscribe, $"<{unsubscribeMailto}>, <{unsubscribeUrl}>");
        message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        if (mail.Automatic) message.Headers.Add("Auto-Submitted", "auto-replied");
        message.Headers.Add(AutomatedMail.LoopHeader, LoopMarker(s));

        var body = new BodyBuilder
        {
            TextBody = ReplyEmailContent.Text(reply, links),
            HtmlBody = ReplyEmailContent.Html(reply, links, mail.AccentColor),
        };
        message.Body = body.ToMessageBody();
        return message;
    }

    /// <summary>What we put in X-Loop, and recognise when it comes back.</summary>
    public static string LoopMarker(ShopEmailSettings settings) => settings.FromAddress.Trim().ToLowerInvariant();

    private static string Subject(string threadSubject, string shopName)
    {
        if (string.IsNullOrWhiteSpace(threadSubject)) return $"Your picks from {shopName}";
        var trimmed = threadSubject.Trim();
        return trimmed.StartsWith("Re:", StringComparison.OrdinalIgnoreCase) ? trimmed : $"Re: {trimmed}";
    }
}
