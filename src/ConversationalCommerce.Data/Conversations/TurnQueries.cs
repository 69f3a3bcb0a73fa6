using System.Runtime.CompilerServices;
using ConversationalCommerce.Domain.Conversations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace ConversationalCommerce.Data.Conversations;

/// <summary>
/// The reads at the start of every turn as compiled queries (no expression building, funcletizing and cache lookup
/// per turn). A compiled query is bound to the model it first ran with, so there is one set per model (one per
/// provider; a process normally has one, tests have several).
/// </summary>
internal sealed class TurnQueries
{
    private static readonly ConditionalWeakTable<IModel, TurnQueries> PerModel = new();

    public static TurnQueries For(AppDbContext db) => PerModel.GetValue(db.Model, _ => new TurnQueries());

    public Func<AppDbContext, Channel, string, CancellationToken, Task<Message?>> ShopperByExternalId { get; } =
        EF.CompileAsyncQuery((AppDbContext db, Channel channel, string externalId, CancellationToken _) =>
            db.Messages.AsNoTracking().FirstOrDefault(m => m.Channel == channel && m.ExternalId == externalId));

    public Func<AppDbContext, Guid, long, CancellationToken, Task<Message?>> AssistantAfter { get; } =
        EF.CompileAsyncQuery((AppDbContext db, Guid conversationId, long shopperSeq, CancellationToken _) =>
            db.Messages.AsNoTracking().FirstOrDefault(m => m.ConversationId == conversationId && m.Seq == shopperSeq + 1 && (m.Role == MessageRole.Assistant || m.Role == MessageRole.System)));

    public Func<AppDbContext, Guid, CancellationToken, Task<Conversation?>> ConversationById { get; } =
        EF.CompileAsyncQuery((AppDbContext db, Guid conversationId, CancellationToken _) =>
            db.Conversations.AsNoTracking().FirstOrDefault(c => c.Id == conversationId));

    public Func<AppDbContext, Guid, Guid, CancellationToken, Task<bool>> OwnedByAnotherShop { get; } =
        EF.CompileAsyncQuery((AppDbContext db, Guid conversationId, Guid shopId, CancellationToken _) =>
            db.Conversations.IgnoreQueryFilters().Any(c => c.Id == conversationId && c.ShopId != shopId));

    /// <summary>The words of the latest messages, newest first; the structured payload (cards, often kilobytes) stays in the table.</summary>
    public Func<AppDbContext, Guid, int, IAsyncEnumerable<Message>> RecentTexts { get; } =
        EF.CompileAsyncQuery((AppDbContext db, Guid conversationId, int take) =>
            db.Messages.Where(m => m.ConversationId == conversationId).OrderByDescending(m => m.Seq).Take(take)
                .Select(m => new Message
                {
                    Id = m.Id, ShopId = m.ShopId, ConversationId = m.ConversationId, Seq = m.Seq, Role = m.Role, Channel = m.Channel,
                    Text = m.Text, ExternalId = m.ExternalId, DeliveryStatus = m.DeliveryStatus, CreatedAt = m.CreatedAt,
                }));
}
