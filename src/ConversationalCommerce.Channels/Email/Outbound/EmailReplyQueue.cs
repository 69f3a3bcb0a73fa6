using System.Text.Json;
using ConversationalCommerce.Channels.Email.Inbound;
using ConversationalCommerce.Data;
using ConversationalCommerce.Domain.Conversations;
using ConversationalCommerce.Domain.Messaging;
using ConversationalCommerce.Engine.Replies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ConversationalCommerce.Channels.Email.Outbound;

/// <summary>
/// Queues the answer to a received mail in the outbox, once per assistant message. To an address that opted out
/// the row is written Cancelled, so the decision is visible and nothing is sent.
/// </summary>
public sealed class EmailReplyQueue(AppDbContext db, EmailContacts contacts, TimeProvider time, ILogger<EmailReplyQueue> log)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<OutboxMessage?> EnqueueOnceAsync(Conversation conversation, Message assistant, Reply reply, string recipient, CancellationToken cancellationToken)
    {
        if (await db.Outbox.AnyAsync(o => o.MessageId == assistant.Id && o.Channel == Channel.Email, cancellationToken))
            return null;
        var optedOut = await contacts.IsOptedOutAsync(recipient, cancellationToken);
        var row = new OutboxMessage
        {
            ShopId = conversation.ShopId,
            ConversationId = conversation.Id,
            MessageId = assistant.Id,
            Channel = Channel.Email,
            Recipient = EmailContacts.Normalize(recipient),
            PayloadJson = JsonSerializer.Serialize(reply, Json),
            Status = optedOut ? OutboxStatus.Cancelled : OutboxStatus.Pending,
            Error = optedOut ? Outbound.EmailSender.OptedOutError : null,
            CreatedAt = time.GetUtcNow(),
            NextAttemptAt = time.GetUtcNow(),
        };
        db.Outbox.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        if (optedOut) log.LogInformation("Email reply {OutboxId} cancelled: recipient unsubscribed", row.Id);
        return row;
    }
}
