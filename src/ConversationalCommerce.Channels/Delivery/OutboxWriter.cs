using ConversationalCommerce.Data;
using ConversationalCommerce.Domain.Conversations;
using ConversationalCommerce.Domain.Messaging;

namespace ConversationalCommerce.Channels.Delivery;

/// <summary>
/// Adds outbox rows to the caller's unit of work, so the send is stored in the same SaveChanges as the message it
/// carries; <see cref="DispatchStaged"/> then asks for the sends once the caller has saved.
/// </summary>
public sealed class OutboxWriter(AppDbContext db, IOutboxDispatcher dispatcher, TimeProvider time)
{
    private readonly List<Guid> _staged = [];

    /// <param name="message">The tracked message the row delivers; it becomes Queued.</param>
    public OutboxMessage Stage(Message message, Channel channel, string recipient, OutboxPayload payload)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(recipient);
        var now = time.GetUtcNow();
        var row = new OutboxMessage
        {
            ShopId = message.ShopId,
            ConversationId = message.ConversationId,
            MessageId = message.Id,
            Channel = channel,
            Recipient = recipient,
            PayloadJson = payload.ToJson(),
            Status = OutboxStatus.Pending,
            CreatedAt = now,
            NextAttemptAt = now,
        };
        message.DeliveryStatus = DeliveryStatus.Queued;
        message.DeliveryError = null;
        db.Outbox.Add(row);
        _staged.Add(row.Id);
        return row;
    }

    /// <summary>Call after SaveChanges succeeded. Rows whose save failed are simply never dispatched.</summary>
    public void DispatchStaged()
    {
        foreach (var id in _staged) dispatcher.Dispatch(id);
        _staged.Clear();
    }

    /// <summary>Forget staged rows after a failed save (their ids were never stored).</summary>
    public void DiscardStaged() => _staged.Clear();
}
