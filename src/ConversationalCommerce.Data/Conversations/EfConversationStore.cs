using ConversationalCommerce.Data.Inbox;
using ConversationalCommerce.Data.Scoping;
using ConversationalCommerce.Domain.Conversations;
using ConversationalCommerce.Engine.Conversation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ConversationalCommerce.Data.Conversations;

/// <summary>
/// Conversations in the database. Each call opens its own scope acting for the one shop, so the shop filter keeps
/// other shops' threads out. A turn reads once (<see cref="BeginTurnAsync"/>: one context, compiled queries) and is
/// written once: the thread row (guarded by its Version) and two messages, in one transaction. On SQLite the writes of
/// concurrent turns go through the <see cref="TurnCommitQueue"/> (one writer, many turns per commit), and the turn's
/// reads through <see cref="SqliteTurnReads"/> (prepared statements on kept connections).
/// </summary>
public sealed class EfConversationStore(IServiceScopeFactory scopes, TurnCommitQueue commits, ActiveDatabase database) : IConversationStore, IDisposable
{
    private readonly SqliteTurnReads? _sqliteReads = database.IsSqlite ? new SqliteTurnReads(scopes) : null;

    public async Task<TurnStart> BeginTurnAsync(Guid shopId, Guid conversationId, Channel channel, string? externalId, int historySize, CancellationToken cancellationToken)
    {
        if (_sqliteReads is not null)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return _sqliteReads.Begin(shopId, conversationId, channel, externalId, historySize);
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = DbFor(scope, shopId);
        var queries = TurnQueries.For(db);
        if (externalId is not null && await queries.ShopperByExternalId(db, channel, externalId, cancellationToken) is { } shopper)
            return new TurnStart(new StoredTurn(shopper, await queries.AssistantAfter(db, shopper.ConversationId, shopper.Seq, cancellationToken)), null, false);

        var conversation = await queries.ConversationById(db, conversationId, cancellationToken);
        if (conversation is null)
            // The one deliberate look past the shop filter: only to refuse a foreign id, never to read it.
            return new TurnStart(null, null, await queries.OwnedByAnotherShop(db, conversationId, shopId, cancellationToken));

        var history = new List<Message>(Math.Max(0, historySize));
        if (historySize > 0)
            await foreach (var message in queries.RecentTexts(db, conversationId, historySize).WithCancellation(cancellationToken))
                history.Add(message);
        history.Reverse();
        return new TurnStart(null, new ConversationSnapshot(conversation, history), false);
    }

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
        if (commits.Enabled) return await commits.AppendAsync(write, cancellationToken);
        await using var scope = scopes.CreateAsyncScope();
        var db = DbFor(scope, write.Conversation.ShopId);
        return await TurnWrites.SaveAsync(db, write, cancellationToken);
    }

    public async Task<IReadOnlyList<Message>> MessagesAfterAsync(Guid shopId, Guid conversationId, long afterSeq, int limit, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = DbFor(scope, shopId);
        return await db.Messages.AsNoTracking()
            .Where(m => m.ConversationId == conversationId && m.Seq > afterSeq)
            .OrderBy(m => m.Seq).Take(limit).ToListAsync(cancellationToken);
    }

    public void Dispose() => _sqliteReads?.Dispose();

    private static AppDbContext DbFor(AsyncServiceScope scope, Guid shopId)
    {
        scope.ServiceProvider.GetRequiredService<ShopScope>().Set(shopId);
        return scope.ServiceProvider.GetRequiredService<AppDbContext>();
    }
}
