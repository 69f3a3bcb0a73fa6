using System.Text.Json;
using ConversationalCommerce.Channels.Delivery;
using ConversationalCommerce.Channels.Email.Settings;
using ConversationalCommerce.Channels.Email.Threads;
using ConversationalCommerce.Data;
using ConversationalCommerce.Data.Scoping;
using ConversationalCommerce.Domain.Conversations;
using ConversationalCommerce.Domain.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ConversationalCommerce.Channels.Email.Outbound;

/// <summary>
/// Sends an outbox row of channel Email: renders the stored reply, threads it under the conversation's earlier
/// mails, and submits it over the shop's SMTP server. An unconfigured shop fails permanently.
/// </summary>
public sealed class EmailSender(
    AppDbContext db,
    ShopScope scope,
    EmailSettingsStore settingsStore,
    EmailThreads threads,
    SmtpDelivery smtp,
    IOptions<EmailOptions> options,
    TimeProvider time,
    ILogger<EmailSender> log) : IChannelSender
{
    private const int MaxReferences = 20;

    public Channel Channel => Channel.Email;

    public async Task<SendResult> SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        if (!scope.IsSet) scope.Set(message.ShopId);

        var settings = await settingsStore.GetAsync(cancellationToken);
        if (settings is null) return SendResult.Fail("The shop has no email settings.");
        // Consent (opt-out) is checked by the outbox processor before any sender runs.
        OutboxPayload payload;
        try
        {
            payload = OutboxPayload.FromJson(message.PayloadJson);
        }
        catch (JsonException ex)
        {
            return SendResult.Fail($"Outbox payload is not a reply: {ex.Message}");
        }
        var reply = payload.Reply;

        var shop = await db.Shops.AsNoTracking().FirstAsync(s => s.Id == message.ShopId, cancellationToken);
        var thread = await threads.GetOrCreateAsync(message.ConversationId, message.Recipient, null, cancellationToken);
        var (ids, inReplyTo) = await ThreadIdsAsync(message, EmailAddresses.DomainOf(settings.FromAddress), cancellationToken);
        var role = await db.Messages.Where(m => m.Id == message.MessageId).Select(m => (MessageRole?)m.Role).FirstOrDefaultAsync(cancellationToken);

        var mime = ReplyEmailComposer.Compose(reply, new OutgoingEmail(
            message.Id, message.Recipient, settings, thread,
            string.IsNullOrWhiteSpace(shop.Name) ? shop.Domain : shop.Name,
            $"https://{shop.Domain}",
            options.Value.PublicBaseUrl,
            shop.Settings.AccentColor,
            ids, inReplyTo,
            Automatic: role is null or MessageRole.Assistant or MessageRole.System,
            time.GetUtcNow()));

        var result = await smtp.SendAsync(settings, mime, cancellationToken);
        if (result.Success)
            log.LogInformation("Email {OutboxId} of conversation {ConversationId} sent", message.Id, message.ConversationId);
        return result;
    }

    /// <summary>
    /// The thread so far, oldest first: the customer's mails (their Message-IDs, kept as the shopper message's
    /// external id) and ours (minted from earlier outbox rows). In-Reply-To is the customer's latest mail, if any.
    /// </summary>
    private async Task<(IReadOnlyList<string> Ids, string? InReplyTo)> ThreadIdsAsync(OutboxMessage message, string ourDomain, CancellationToken cancellationToken)
    {
        var theirs = await db.Messages.AsNoTracking()
            .Where(m => m.ConversationId == message.ConversationId && m.Channel == Channel.Email && m.Role == MessageRole.Shopper && m.ExternalId != null)
            .Select(m => new { m.ExternalId, m.CreatedAt })
            .ToListAsync(cancellationToken);
        var ours = await db.Outbox.AsNoTracking()
            .Where(o => o.ConversationId == message.ConversationId && o.Channel == Channel.Email && o.Id != message.Id
                && o.Status == OutboxStatus.Sent && o.CreatedAt <= message.CreatedAt)
            .Select(o => new { o.Id, o.CreatedAt })
            .ToListAsync(cancellationToken);
        var all = theirs.Select(t => (Id: t.ExternalId!.Trim('<', '>'), t.CreatedAt))
            .Concat(ours.Select(o => (Id: EmailAddresses.MessageId(o.Id, ourDomain), o.CreatedAt)))
            .OrderBy(x => x.CreatedAt)
            .Select(x => x.Id)
            .Distinct()
            .ToList();
        // RFC 5322 suggests keeping the first and the latest; long threads keep the root and the newest ones.
        if (all.Count > MaxReferences) all = [all[0], .. all.TakeLast(MaxReferences - 1)];
        var inReplyTo = theirs.Count > 0 ? theirs.OrderBy(t => t.CreatedAt).Last().ExternalId!.Trim('<', '>') : all.LastOrDefault();
        return (all, inReplyTo);
    }
}
