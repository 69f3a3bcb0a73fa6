using ConversationalCommerce.Data;
using ConversationalCommerce.Domain.Conversations;
using ConversationalCommerce.Engine.Replies;
using Microsoft.EntityFrameworkCore;

namespace ConversationalCommerce.Channels.Delivery;

/// <summary>
/// Messages a channel sends on its own, outside a turn of the assistant (opt-out confirmation, "I can only read
/// text"): appended to the thread as an assistant message and queued in the same SaveChanges.
/// </summary>
public sealed class ChannelNotices(AppDbContext db, OutboxWriter outbox, TimeProvider time)
{
    /// <param name="externalId">Makes the notice idempotent: the same notice for the same inbound message is written once.</param>
    /// <param name="inbound">The customer's message the notice answers (kept in the thread: the merchant sees the "STOP").</param>
    public async Task<Message> SendAsync(Guid conversationId, Channel channel, string recipient, string text, string purpose,
        string externalId, InboundNote? inbound, CancellationToken cancellationToken)
    {
        var existing = await db.Messages.AsNoTracking()
            .FirstOrDefaultAsync(m => m.Channel == channel && m.ExternalId == externalId, cancellationToken);
        if (existing is not null) return existing;

        var conversation = await db.Conversations.FirstAsync(c => c.Id == conversationId, cancellationToken);
        var now = time.GetUtcNow();
        if (inbound is not null && !await db.Messages.AnyAsync(m => m.Channel == channel && m.ExternalId == inbound.ExternalId, cancellationToken))
        {
            db.Messages.Add(new Message
            {
                ShopId = conversation.ShopId, ConversationId = conversation.Id, Seq = ++conversation.LastSeq, Role = MessageRole.Shopper,
                Channel = channel, Text = inbound.Text, ExternalId = inbound.ExternalId, CreatedAt = now,
            });
            conversation.LastChannel = channel;
        }
        var message = new Message
        {
            ShopId = conversation.ShopId,
            ConversationId = conversation.Id,
            Seq = ++conversation.LastSeq,
            Role = MessageRole.Assistant,
            Channel = channel,
            Text = text,
            ExternalId = externalId,
            CreatedAt = now,
        };
        conversation.LastMessageAt = now;
        conversation.Version = Guid.NewGuid();
        db.Messages.Add(message);
        outbox.Stage(message, channel, recipient, new OutboxPayload(new Reply { Text = text, Intent = purpose }, purpose));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch
        {
            outbox.DiscardStaged();
            throw;
        }
        outbox.DispatchStaged();
        return message;
    }
}

/// <summary>The customer's message that a notice answers.</summary>
public sealed record InboundNote(string Text, string ExternalId);
