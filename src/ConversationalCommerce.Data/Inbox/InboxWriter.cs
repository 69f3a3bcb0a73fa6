using ConversationalCommerce.Domain.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ConversationalCommerce.Data.Inbox;

/// <summary>
/// Stores what arrives from outside before it is acknowledged, once per (Source, DedupeKey), then dispatches it.
/// The unique index decides races: of two concurrent writers of the same key, exactly one is Accepted.
/// </summary>
public sealed class InboxWriter(AppDbContext db, IInboxDispatcher dispatcher, TimeProvider time, ILogger<InboxWriter> log)
{
    public async Task<InboxAddResult> TryAddAsync(InboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(message.Source);
        ArgumentException.ThrowIfNullOrWhiteSpace(message.DedupeKey);

        // The cheap path for the common redelivery; the index below still settles concurrent first deliveries.
        if (await ExistsAsync(message.Source, message.DedupeKey, cancellationToken))
            return LogDuplicate(message);

        if (message.ReceivedAt == default) message.ReceivedAt = time.GetUtcNow();
        if (message.NextAttemptAt == default) message.NextAttemptAt = message.ReceivedAt;
        message.Status = InboxStatus.Pending;
        message.Attempts = 0;
        message.LeaseExpiresAt = null;

        db.Inbox.Add(message);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (UniqueViolation.Is(ex))
        {
            db.Entry(message).State = EntityState.Detached;
            if (await ExistsAsync(message.Source, message.DedupeKey, cancellationToken))
                return LogDuplicate(message);
            throw;
        }
        db.Entry(message).State = EntityState.Detached;

        dispatcher.Dispatch(message.Id);
        return InboxAddResult.Accepted;
    }

    private Task<bool> ExistsAsync(string source, string dedupeKey, CancellationToken cancellationToken) =>
        db.Inbox.AsNoTracking().AnyAsync(m => m.Source == source && m.DedupeKey == dedupeKey, cancellationToken);

    private InboxAddResult LogDuplicate(InboxMessage message)
    {
        log.LogDebug("Inbox duplicate {Source} {Topic} {DedupeKey} ignored", message.Source, message.Topic, message.DedupeKey);
        return InboxAddResult.Duplicate;
    }
}
