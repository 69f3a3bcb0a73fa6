using ConversationalCommerce.App.Features.Admin.Live;
using ConversationalCommerce.Channels.Delivery;
using ConversationalCommerce.Channels.Widget.Hub;
using ConversationalCommerce.Data;
using ConversationalCommerce.Data.Inbox;
using ConversationalCommerce.Domain.Conversations;
using ConversationalCommerce.Engine.Replies;
using Microsoft.EntityFrameworkCore;

namespace ConversationalCommerce.App.Features.Admin;

public sealed record MerchantReplyResult(Message Message, Reply Reply);

/// <summary>
/// A merchant writing into a thread (human takeover): the reply is stored as a Merchant message with the next seq,
/// the thread is marked handed off (the assistant stays silent until the merchant hands it back), open widget tabs and
/// the shop's other admin pages get it at once, and a customer last seen on WhatsApp or email
/// gets it through the outbox (the same delivery pipeline as the assistant's replies).
/// </summary>
public sealed class MerchantReplies(
    AppDbContext db, ReplyDelivery delivery, IWidgetPush widget, AdminEvents admin, TimeProvider time, ILogger<MerchantReplies> log)
{
    public const int MaxLength = 4000;
    private const int MaxWriteAttempts = 4;

    /// <returns>null when the shop has no such conversation.</returns>
    public async Task<MerchantReplyResult?> SendAsync(Guid shopId, Guid conversationId, string text, CancellationToken ct)
    {
        var reply = new Reply { Text = text };
        Message? message = null;
        Conversation? conversation = null;
        for (var attempt = 1; message is null; attempt++)
        {
            db.ChangeTracker.Clear();
            conversation = await db.Conversations.FirstOrDefaultAsync(c => c.Id == conversationId, ct);
            if (conversation is null) return null;
            var now = time.GetUtcNow();
            var candidate = new Message
            {
                ShopId = shopId,
                ConversationId = conversationId,
                Seq = conversation.LastSeq + 1,
                Role = MessageRole.Merchant,
                Channel = Channel.Admin,
                Text = text,
                PayloadJson = ReplyJson.Serialize(reply),
                CreatedAt = now,
            };
            conversation.LastSeq = candidate.Seq;
            conversation.LastMessageAt = now;
            conversation.Status = ConversationStatus.HandedOff;
            // The merchant's own words tell the shopper a person is here: no separate takeover notice is needed.
            conversation.TakeoverNoticeSent = true;
            conversation.Version = Guid.NewGuid();
            db.Messages.Add(candidate);
            try
            {
                await db.SaveChangesAsync(ct);
                message = candidate;
            }
            catch (DbUpdateException ex) when (attempt < MaxWriteAttempts && (ex is DbUpdateConcurrencyException || UniqueViolation.Is(ex)))
            {
                // A shopper turn landed meanwhile (version changed or seq taken): read the thread again.
                log.LogDebug("Merchant reply to {ConversationId} retried after a concurrent write", conversationId);
            }
        }

        // Live to every open widget tab; then the customer's channel when it is a provider channel.
        await widget.MessageAsync(message, reply, ct);
        await admin.MessageAsync(conversation!, message, reply, held: true, ct);
        var outcome = await delivery.DeliverAsync(message.Id, reply, conversation!.LastChannel, ct);
        log.LogInformation("Merchant reply {MessageId} stored in {ConversationId}, delivery {Outcome}", message.Id, conversationId, outcome);
        if (outcome == DeliveryOutcome.Queued)
            message = await db.Messages.AsNoTracking().FirstAsync(m => m.Id == message.Id, ct);
        return new MerchantReplyResult(message, reply);
    }
}
