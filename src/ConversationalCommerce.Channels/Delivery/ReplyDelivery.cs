using ConversationalCommerce.Data;
using ConversationalCommerce.Data.Inbox;
using ConversationalCommerce.Domain.Conversations;
using ConversationalCommerce.Engine.Replies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ConversationalCommerce.Channels.Delivery;

public enum DeliveryOutcome
{
    /// <summary>An outbox row was written and dispatched.</summary>
    Queued,
    /// <summary>The reply already has its outbox row (a retried turn); nothing new was written.</summary>
    AlreadyQueued,
    /// <summary>The channel delivers live (widget, API); no provider send is needed.</summary>
    Live,
}

/// <summary>
/// Hands a stored reply to the outbox for the channel the <see cref="ReplyRouter"/> picks. Idempotent per message:
/// a channel handler that runs again after a crash (the turn itself comes back as a duplicate) writes no second row.
/// </summary>
public sealed class ReplyDelivery(AppDbContext db, ReplyRouter router, OutboxWriter outbox, ILogger<ReplyDelivery> log)
{
    public async Task<DeliveryOutcome> DeliverAsync(Guid assistantMessageId, Reply reply, Channel usedChannel, CancellationToken cancellationToken,
        string purpose = OutboxPurpose.Reply)
    {
        if (await db.Outbox.AsNoTracking().AnyAsync(o => o.MessageId == assistantMessageId, cancellationToken))
            return DeliveryOutcome.AlreadyQueued;
        var message = await db.Messages.FirstAsync(m => m.Id == assistantMessageId, cancellationToken);
        var conversation = await db.Conversations.AsNoTracking().FirstAsync(c => c.Id == message.ConversationId, cancellationToken);
        var route = await router.ChooseAsync(conversation, usedChannel, cancellationToken);
        if (route.IsLive) return DeliveryOutcome.Live;

        outbox.Stage(message, route.Channel, route.Recipient!, new OutboxPayload(reply, purpose));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (UniqueViolation.Is(ex))
        {
            // A concurrent run of the same handler won the unique MessageId index.
            outbox.DiscardStaged();
            return DeliveryOutcome.AlreadyQueued;
        }
        outbox.DispatchStaged();
        log.LogDebug("Reply {MessageId} queued on {Channel}", assistantMessageId, route.Channel);
        return DeliveryOutcome.Queued;
    }
}
