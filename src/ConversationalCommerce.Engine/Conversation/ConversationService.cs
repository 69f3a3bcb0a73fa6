using ConversationalCommerce.Domain.Conversations;
using ConversationalCommerce.Engine.Replies;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ConversationalCommerce.Engine.Conversation;

/// <summary>
/// One shopper message to one stored turn: one read (dedupe by external id, the thread and its recent history), the
/// turn engine's answer, then one write of both messages with the new state, guarded by the thread's version and
/// finished (committed) before this returns. When another tab or node wrote the thread meanwhile, the turn is answered
/// again on the fresh state (bounded retries).
/// </summary>
public sealed class ConversationService(
    IConversationStore store,
    ITurnEngine engine,
    TimeProvider time,
    IOptions<ConversationOptions> options,
    ILogger<ConversationService> logger) : IConversationService, IConversationReader
{
    public const int MaxHistoryPage = 200;

    public async Task<TurnResult> HandleAsync(ShopperMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.ShopId == Guid.Empty) throw new ArgumentException("A shopper message needs a shop.", nameof(message));
        if (message.ConversationId == Guid.Empty) throw new ArgumentException("A shopper message needs a conversation id.", nameof(message));
        var settings = options.Value;
        var text = (message.Text ?? "").Trim();
        if (text.Length > settings.MaxMessageLength)
            throw new ArgumentException($"The message is longer than {settings.MaxMessageLength} characters.", nameof(message));
        var externalId = string.IsNullOrWhiteSpace(message.ExternalId) ? null : message.ExternalId.Trim();
        var historySize = engine is IUsesHistory uses ? Math.Clamp(uses.HistoryMessages, 0, settings.HistorySize) : settings.HistorySize;

        for (var attempt = 1; attempt <= settings.MaxWriteAttempts; attempt++)
        {
            var start = await store.BeginTurnAsync(message.ShopId, message.ConversationId, message.Channel, externalId, historySize, cancellationToken);
            if (start.Duplicate is not null) return Duplicate(message, start.Duplicate);
            if (start.BelongsToAnotherShop) throw new ConversationAccessException(message.ConversationId);
            var snapshot = start.Snapshot;

            var conversation = snapshot?.Conversation ?? NewConversation(message);
            var expectedVersion = conversation.Version;
            var outcome = await engine.RespondAsync(new TurnContext(
                message.ShopId, conversation.Id, message.Channel, text, conversation.StateJson,
                message.CustomerId ?? conversation.CustomerId, snapshot?.History ?? []), cancellationToken);

            var now = time.GetUtcNow();
            var shopper = new Message
            {
                ShopId = message.ShopId, ConversationId = conversation.Id, Seq = conversation.LastSeq + 1,
                Role = MessageRole.Shopper, Channel = message.Channel, Text = text, ExternalId = externalId, CreatedAt = now,
            };
            var assistant = new Message
            {
                ShopId = message.ShopId, ConversationId = conversation.Id, Seq = conversation.LastSeq + 2,
                Role = MessageRole.Assistant, Channel = message.Channel, Text = outcome.Reply.Text,
                PayloadJson = ReplyJson.Serialize(outcome.Reply), CreatedAt = now,
            };
            conversation.LastSeq += 2;
            conversation.StateJson = outcome.StateJson;
            conversation.LastChannel = message.Channel;
            conversation.LastMessageAt = now;
            conversation.CustomerId ??= message.CustomerId;
            conversation.Status = NextStatus(conversation.Status, outcome.Reply);
            conversation.Version = Guid.NewGuid();

            var result = await store.AppendTurnAsync(
                new TurnWrite(conversation, snapshot is null, expectedVersion, shopper, assistant), cancellationToken);
            switch (result)
            {
                case TurnWriteResult.Saved:
                    return new TurnResult(shopper, assistant, outcome.Reply, WasDuplicate: false);
                case TurnWriteResult.Duplicate when externalId is not null:
                    if (await FindDuplicateAsync(message, externalId, cancellationToken) is { } concurrent) return concurrent;
                    break;
            }
            logger.LogDebug("Conversation {ConversationId} changed concurrently (attempt {Attempt}); answering again", conversation.Id, attempt);
        }
        throw new ConversationConflictException(message.ConversationId, settings.MaxWriteAttempts);
    }

    public Task<IReadOnlyList<Message>> HistoryAsync(Guid shopId, Guid conversationId, long afterSeq, int limit, CancellationToken cancellationToken) =>
        store.MessagesAfterAsync(shopId, conversationId, Math.Max(0, afterSeq), Math.Clamp(limit, 1, MaxHistoryPage), cancellationToken);

    private async Task<TurnResult?> FindDuplicateAsync(ShopperMessage message, string externalId, CancellationToken cancellationToken)
    {
        var stored = await store.FindTurnAsync(message.ShopId, message.Channel, externalId, cancellationToken);
        return stored is null ? null : Duplicate(message, stored);
    }

    private TurnResult Duplicate(ShopperMessage message, StoredTurn stored)
    {
        logger.LogDebug("Duplicate {Channel} message in conversation {ConversationId}; returning the stored turn", message.Channel, stored.Shopper.ConversationId);
        var assistant = stored.Assistant ?? new Message
        {
            ShopId = stored.Shopper.ShopId, ConversationId = stored.Shopper.ConversationId, Role = MessageRole.Assistant,
            Channel = stored.Shopper.Channel, Seq = stored.Shopper.Seq + 1, CreatedAt = stored.Shopper.CreatedAt,
        };
        return new TurnResult(stored.Shopper, assistant, ReplyJson.Deserialize(assistant.PayloadJson, assistant.Text), WasDuplicate: true);
    }

    private Domain.Conversations.Conversation NewConversation(ShopperMessage message)
    {
        var now = time.GetUtcNow();
        return new Domain.Conversations.Conversation
        {
            Id = message.ConversationId, ShopId = message.ShopId, CustomerId = message.CustomerId, StartedAt = now,
            LastMessageAt = now, LastChannel = message.Channel, Status = ConversationStatus.Open, StateJson = "{}", LastSeq = 0,
        };
    }

    private static ConversationStatus NextStatus(ConversationStatus current, Reply reply)
    {
        if (reply.Actions.Any(a => a.Kind == ReplyActions.Handoff)) return ConversationStatus.HandedOff;
        return current == ConversationStatus.Closed ? ConversationStatus.Open : current;
    }
}
