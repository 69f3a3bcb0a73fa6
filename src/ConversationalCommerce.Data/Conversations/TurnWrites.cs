using ConversationalCommerce.Data.Inbox;
using ConversationalCommerce.Domain.Conversations;
using ConversationalCommerce.Engine.Conversation;
using Microsoft.EntityFrameworkCore;

namespace ConversationalCommerce.Data.Conversations;

/// <summary>
/// One turn's rows through a context: the thread (inserted, or updated only if its Version is still the one read)
/// and both messages in one SaveChanges. Inside an open transaction EF wraps it in a savepoint, so a failed turn
/// leaves the others of a batch intact.
/// </summary>
internal static class TurnWrites
{
    public static async Task<TurnWriteResult> SaveAsync(AppDbContext db, TurnWrite write, CancellationToken cancellationToken)
    {
        var conversation = write.Conversation;
        conversation.Messages = [];
        if (write.IsNew)
        {
            db.Conversations.Add(conversation);
        }
        else
        {
            var entry = db.Conversations.Attach(conversation);
            entry.State = EntityState.Modified;
            entry.Property(c => c.Version).OriginalValue = write.ExpectedVersion;
        }
        db.Messages.Add(write.Shopper);
        if (write.Assistant is not null) db.Messages.Add(write.Assistant);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return TurnWriteResult.Saved;
        }
        catch (DbUpdateConcurrencyException)
        {
            return TurnWriteResult.Conflict;
        }
        catch (DbUpdateException e) when (UniqueViolation.Is(e))
        {
            // Either the external id arrived twice at once, or another writer took these seqs / created the thread.
            db.ChangeTracker.Clear();
            if (write.Shopper.ExternalId is { } externalId && await ExternalIdTakenAsync(db, write.Shopper, externalId, cancellationToken))
                return TurnWriteResult.Duplicate;
            return TurnWriteResult.Conflict;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    // Explicit shop condition instead of the scope's filter: the batch writer's context serves many shops.
    private static Task<bool> ExternalIdTakenAsync(AppDbContext db, Message shopper, string externalId, CancellationToken cancellationToken) =>
        db.Messages.IgnoreQueryFilters().AsNoTracking()
            .AnyAsync(m => m.ShopId == shopper.ShopId && m.Channel == shopper.Channel && m.ExternalId == externalId, cancellationToken);
}
