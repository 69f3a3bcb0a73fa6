using ConversationalCommerce.Data.Inbox;
using ConversationalCommerce.Data.Scoping;
using ConversationalCommerce.Domain.Conversations;
using ConversationalCommerce.Engine.Conversation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ConversationalCommerce.Data.Conversations;

/// <summary>
/// Conversations in the database. Each call opens its own scope acting for the one shop, so the shop filter keeps
/// other shops' threads out. A turn is one SaveChanges: the thread row (guarded by its Version) and its messages.
/// </summary>
public sealed class EfConversationStore(IServiceScopeFactory scopes) : IConversationStore
{
    public async Task<StoredTurn?> FindTurnAsync(Guid shopId, Channel channel, string externalId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = DbFor(scope, shopId);
        var shopper = await db.Messages.AsNoTracking()
            .FirstOrDefaultAsync(m => m.Channel == channel && m.ExternalId == externalId, cancellationToken);
        if (shopper is null) return null;
        var assistant = await db.Messages.AsNoTracking()
            .FirstOrDefaultAsync(m => m.ConversationId == shopper.ConversationId && m.Seq == shopper.Seq + 1
                && (m.Role == MessageRole.Assistant || m.Role == MessageRole.System), cancellationToken);
        return new StoredTurn(shopper, assistant);
    }

    public async Task<ConversationSnapshot?> LoadAsync(Guid shopId, Guid conversationId, int historySize, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = DbFor(scope, shopId);
        var conversation = await db.Conversations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == conversationId, cancellationToken);
        if (conversation is null) return null;
        var history = historySize <= 0 ? [] : await db.Messages.AsNoTracking()
            .Where(m => m.ConversationId == conversationId)
            .OrderByDescending(m => m.Seq).Take(historySize).ToListAsync(cancellationToken);
        history.Reverse();
        return new ConversationSnapshot(conversation, history);
    }

    public async Task<bool> BelongsToAnotherShopAsync(Guid shopId, Guid conversationId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        // The one deliberate look past the shop filter: only to refuse a foreign id, never to read it.
        return await db.Conversations.IgnoreQueryFilters().AnyAsync(c => c.Id == conversationId && c.ShopId != shopId, cancellationToken);
    }

    public async Task<TurnWriteResult> AppendTurnAsync(TurnWrite write, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = DbFor(scope, write.Conversation.ShopId);
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
            // Either the external id arrived twice at once, or another node took these seqs / created the thread.
            if (write.Shopper.ExternalId is { } externalId && await ExternalIdTakenAsync(write, externalId, cancellationToken))
                return TurnWriteResult.Duplicate;
            return TurnWriteResult.Conflict;
        }
    }

    public async Task<IReadOnlyList<Message>> MessagesAfterAsync(Guid shopId, Guid conversationId, long afterSeq, int limit, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = DbFor(scope, shopId);
        return await db.Messages.AsNoTracking()
            .Where(m => m.ConversationId == conversationId && m.Seq > afterSeq)
            .OrderBy(m => m.Seq).Take(limit).ToListAsync(cancellationToken);
    }

    private async Task<bool> ExternalIdTakenAsync(TurnWrite write, string externalId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = DbFor(scope, write.Conversation.ShopId);
        return await db.Messages.AsNoTracking().AnyAsync(m => m.Channel == write.Shopper.Channel && m.ExternalId == externalId, cancellationToken);
    }

    private static AppDbContext DbFor(AsyncServiceScope scope, Guid shopId)
    {
        scope.ServiceProvider.GetRequiredService<ShopScope>().Set(shopId);
        return scope.ServiceProvider.GetRequiredService<AppDbContext>();
    }
}
