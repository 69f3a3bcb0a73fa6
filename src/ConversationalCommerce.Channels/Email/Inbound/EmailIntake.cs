using System.Security.Cryptography;
using System.Text.Json;
using ConversationalCommerce.Data.Inbox;
using ConversationalCommerce.Domain.Messaging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace ConversationalCommerce.Channels.Email.Inbound;

public enum EmailIntakeResult
{
    Accepted,
    Duplicate,
    Unparseable,
}

/// <summary>
/// The one door for received mail (IMAP poller and webhook): parses enough to refuse garbage, drops attachments
/// over the limit, and stores the raw MIME in the inbox (source "email", dedupe key = Message-ID) before anyone
/// acknowledges it. The inbox handler does the rest.
/// </summary>
public sealed class EmailIntake(InboxWriter inbox, IOptions<EmailOptions> options, ILogger<EmailIntake> log)
{
    public const string Source = "email";
    public const string Topic = "message";
    public const string AttachmentsDroppedHeader = "X-CC-Attachments-Dropped";

    public async Task<(EmailIntakeResult Result, string? Reason)> AcceptAsync(
        Guid shopId, string shopDomain, Stream raw, string via, CancellationToken cancellationToken)
    {
        using var original = new MemoryStream();
        await raw.CopyToAsync(original, cancellationToken);
        original.Position = 0;
        MimeMessage message;
        try
        {
            message = await InboundEmail.ParseAsync(original, cancellationToken);
        }
        catch (FormatException ex)
        {
            log.LogWarning("Email via {Via} for {Shop} is not a MIME message: {Reason}", via, shopDomain, ex.Message);
            return (EmailIntakeResult.Unparseable, "not a MIME message");
        }
        if (message.From.Mailboxes.FirstOrDefault() is null && message.Sender is null)
        {
            log.LogWarning("Email via {Via} for {Shop} has no sender address", via, shopDomain);
            return (EmailIntakeResult.Unparseable, "no sender address (From)");
        }

        // Stored byte for byte, unless attachments had to go.
        var bytes = original.ToArray();
        if (DropOversizedAttachments(message, shopDomain))
        {
            using var buffer = new MemoryStream();
            await message.WriteToAsync(FormatOptions.Default, buffer, cancellationToken);
            bytes = buffer.ToArray();
        }

        var row = new InboxMessage
        {
            Source = Source,
            Topic = Topic,
            DedupeKey = DedupeKey(message, bytes),
            ShopId = shopId,
            ShopDomain = shopDomain,
            OccurredAt = message.Date == DateTimeOffset.MinValue ? null : message.Date.ToUniversalTime(),
            HeadersJson = JsonSerializer.Serialize(new { via, encoding = "base64" }),
            // Base64 keeps 8-bit bodies in any charset byte-exact in a text column.
            Body = Convert.ToBase64String(bytes),
        };
        var added = await inbox.TryAddAsync(row, cancellationToken);
        return added == InboxAddResult.Accepted ? (EmailIntakeResult.Accepted, null) : (EmailIntakeResult.Duplicate, null);
    }

    /// <summary>The raw MIME of a stored row.</summary>
    public static MimeMessage Load(InboxMessage row)
    {
        using var stream = new MemoryStream(Convert.FromBase64String(row.Body));
        return InboundEmail.Parse(stream);
    }

    /// <summary>The Message-ID (what a redelivery repeats); a hash of the content for mail without one.</summary>
    public static string DedupeKey(MimeMessage message, byte[] bytes)
    {
        var id = message.MessageId?.Trim();
        if (!string.IsNullOrEmpty(id) && id.Length <= 240) return id;
        var seed = string.IsNullOrEmpty(id) ? bytes : System.Text.Encoding.UTF8.GetBytes(id);
        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(seed));
    }

    /// <summary>
    /// Attachments are never read by the assistant; above the limit they are removed so a huge mail costs no more
    /// than its text, which is still answered. Logged, never failed.
    /// </summary>
    private bool DropOversizedAttachments(MimeMessage message, string shopDomain)
    {
        var attachments = message.BodyParts.OfType<MimePart>().Where(p => p.IsAttachment).ToList();
        if (attachments.Count == 0) return false;
        var total = attachments.Sum(p => p.Content?.Stream is { CanSeek: true } s ? s.Length : 0L);
        if (total <= options.Value.MaxAttachmentBytes) return false;

        var iterator = new MimeIterator(message);
        var parents = new List<(Multipart Parent, MimeEntity Child)>();
        while (iterator.MoveNext())
            if (iterator.Current is MimePart { IsAttachment: true } part && iterator.Parent is Multipart parent)
                parents.Add((parent, part));
        foreach (var (parent, child) in parents) parent.Remove(child);
        message.Headers.Replace(AttachmentsDroppedHeader, $"{parents.Count}; {total} bytes");
        log.LogWarning("Email for {Shop}: dropped {Count} attachments of {Bytes} bytes (limit {Limit})",
            shopDomain, parents.Count, total, options.Value.MaxAttachmentBytes);
        return true;
    }
}
