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
/// While a merchant has taken the thread over (HandedOff) the engine is not asked at all: the message is stored for
/// the merchant, and only the first one of the takeover gets a short notice that a person will reply.
/// </summary>
public sealed class ConversationService(
    IConversationStore store,
    ITurnEngine engine,
    TimeProvider time,
    IOptions<ConversationOptions> options,
    IConversationEvents events,
    ILogger<ConversationService> logger) : IConversationService, IConversationReader
{
    public const int MaxHistoryPage = 200;

    /// <summary>The intent of the one notice sent when a shopper writes into a thread a merchant has taken over.</summary>
    public const string TakeoverNoticeIntent = "takeover_notice";

    /// <summary>The intent of the empty reply of a message held for the merchant (nothing is sent).</summary>
    public const string HeldIntent = "held_for_merchant";

    private static Reply HeldReply() => new() { Text = "", Intent = HeldIntent };

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
            if (conversation.Status == ConversationStatus.HandedOff)
            {
                var held = await HoldForMerchantAsync(message, conversation, snapshot is null, expectedVersion, text, externalId, cancellationToken);
                if (held is not null) return held;
                logger.LogDebug("Conversation {ConversationId} changed concurrently (attempt {Attempt}); storing again", conversation.Id, attempt);
                continue;
            }
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
                    return await StoredAsync(conversation, new TurnResult(shopper, assistant, outcome.Reply, WasDuplicate: false), cancellationToken);
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
        // No answer stored after it: the message was held for a merchant (a turn writes its messages together).
        if (stored.Assistant is not { } assistant) return new TurnResult(stored.Shopper, null, HeldReply(), WasDuplicate: true, HeldForMerchant: true);
        return new TurnResult(stored.Shopper, assistant, ReplyJson.Deserialize(assistant.PayloadJson, assistant.Text), WasDuplicate: true,
            HeldForMerchant: assistant.Role == MessageRole.System);
    }

    /// <summary>
    /// Stores the shopper's message without asking the engine (a person answers this thread now), plus the takeover
    /// notice the first time. Null when another write won the thread meanwhile.
    /// </summary>
    private async Task<TurnResult?> HoldForMerchantAsync(ShopperMessage message, Domain.Conversations.Conversation conversation, bool isNew,
        Guid expectedVersion, string text, string? externalId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var shopper = new Message
        {
            ShopId = message.ShopId, ConversationId = conversation.Id, Seq = conversation.LastSeq + 1,
            Role = MessageRole.Shopper, Channel = message.Channel, Text = text, ExternalId = externalId, CreatedAt = now,
        };
        Message? notice = null;
        var reply = HeldReply();
        if (!conversation.TakeoverNoticeSent)
        {
            reply = new Reply { Text = options.Value.TakeoverNotice, Intent = TakeoverNoticeIntent };
            notice = new Message
            {
                ShopId = message.ShopId, ConversationId = conversation.Id, Seq = shopper.Seq + 1, Role = MessageRole.System,
                Channel = message.Channel, Text = reply.Text, PayloadJson = ReplyJson.Serialize(reply), CreatedAt = now,
            };
            conversation.TakeoverNoticeSent = true;
        }
        conversation.LastSeq = notice?.Seq ?? shopper.Seq;
        conversation.LastChannel = message.Channel;
        conversation.LastMessageAt = now;
        conversation.CustomerId ??= message.CustomerId;
        conversation.Version = Guid.NewGuid();

        var result = await store.AppendTurnAsync(new TurnWrite(conversation, isNew, expectedVersion, shopper, notice), cancellationToken);
        if (result == TurnWriteResult.Saved)
        {
            logger.LogDebug("Message {Seq} in conversation {ConversationId} held for the merchant", shopper.Seq, conversation.Id);
            return await StoredAsync(conversation, new TurnResult(shopper, notice, reply, WasDuplicate: false, HeldForMerchant: true), cancellationToken);
        }
        if (result == TurnWriteResult.Duplicate && externalId is not null)
            return await FindDuplicateAsync(message, externalId, cancellationToken);
        return null;
    }

    private async Task<TurnResult> StoredAsync(Domain.Conversations.Conversation conversation, TurnResult turn, CancellationToken cancellationToken)
    {
        try
        {
            await events.TurnStoredAsync(conversation, turn, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The turn is stored; a listener (the live admin view) must not turn that into a failure for the shopper.
            logger.LogWarning(ex, "Turn listener failed for conversation {ConversationId}", conversation.Id);
        }
        return turn;
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
        // Asking for a person flags the thread for the merchant; it is theirs only once they take it over.
        if (reply.Actions.Any(a => a.Kind == ReplyActions.Handoff)) return ConversationStatus.WaitingForHuman;
        return current == ConversationStatus.Closed ? ConversationStatus.Open : current;
    }
}
