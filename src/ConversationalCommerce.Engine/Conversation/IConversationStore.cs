using ConversationalCommerce.Domain.Conversations;

namespace ConversationalCommerce.Engine.Conversation;

/// <summary>
/// Where conversations and their messages live (the database, through Data). Every call acts for one shop and
/// never sees another shop's threads.
/// </summary>
public interface IConversationStore
{
    /// <summary>The stored turn whose shopper message carried this external id on this channel, or null.</summary>
    Task<StoredTurn?> FindTurnAsync(Guid shopId, Channel channel, string externalId, CancellationToken cancellationToken);

    /// <summary>The thread (without messages) and its latest <paramref name="historySize"/> messages, oldest first; null if the shop has no such thread.</summary>
    Task<ConversationSnapshot?> LoadAsync(Guid shopId, Guid conversationId, int historySize, CancellationToken cancellationToken);

    /// <summary>True when the id belongs to a thread of another shop (a forged or mixed-up id).</summary>
    Task<bool> BelongsToAnotherShopAsync(Guid shopId, Guid conversationId, CancellationToken cancellationToken);

    /// <summary>
    /// Writes one turn atomically: the thread (inserted when <see cref="TurnWrite.IsNew"/>, else updated only if its
    /// version is still <see cref="TurnWrite.ExpectedVersion"/>) and its messages.
    /// </summary>
    Task<TurnWriteResult> AppendTurnAsync(TurnWrite write, CancellationToken cancellationToken);

    /// <summary>
    /// Everything a turn reads before answering, in one go (one connection, one round of queries): the stored turn
    /// when <paramref name="externalId"/> was seen before on this channel, else the thread with its latest
    /// <paramref name="historySize"/> messages (their text; the structured payload is left out, a turn needs the
    /// words, not the cards), and whether a missing thread's id belongs to another shop.
    /// </summary>
    async Task<TurnStart> BeginTurnAsync(Guid shopId, Guid conversationId, Channel channel, string? externalId, int historySize, CancellationToken cancellationToken)
    {
        if (externalId is not null && await FindTurnAsync(shopId, channel, externalId, cancellationToken) is { } stored)
            return new TurnStart(stored, null, false);
        var snapshot = await LoadAsync(shopId, conversationId, historySize, cancellationToken);
        var foreign = snapshot is null && await BelongsToAnotherShopAsync(shopId, conversationId, cancellationToken);
        return new TurnStart(null, snapshot, foreign);
    }

    /// <summary>Messages with Seq greater than <paramref name="afterSeq"/>, oldest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<Message>> MessagesAfterAsync(Guid shopId, Guid conversationId, long afterSeq, int limit, CancellationToken cancellationToken);
}

public sealed record ConversationSnapshot(Domain.Conversations.Conversation Conversation, IReadOnlyList<Message> History);

/// <param name="Duplicate">The turn already stored under the external id (then nothing else was read).</param>
/// <param name="Snapshot">The thread and its recent history; null for a thread not stored yet.</param>
/// <param name="BelongsToAnotherShop">True when there is no such thread for this shop but another shop has one with this id.</param>
public sealed record TurnStart(StoredTurn? Duplicate, ConversationSnapshot? Snapshot, bool BelongsToAnotherShop);

/// <param name="Assistant">The answer (assistant reply or takeover notice) stored right after the shopper message, if any.</param>
public sealed record StoredTurn(Message Shopper, Message? Assistant);

/// <param name="Conversation">The thread as it should be after the turn (new LastSeq, state, version).</param>
/// <param name="ExpectedVersion">The version read before the turn; ignored for a new thread.</param>
/// <param name="Assistant">The answer; null when the thread is held for a merchant and nothing is answered.</param>
public sealed record TurnWrite(Domain.Conversations.Conversation Conversation, bool IsNew, Guid ExpectedVersion, Message Shopper, Message? Assistant);

public enum TurnWriteResult
{
    Saved,
    /// <summary>Someone else wrote the thread since it was read (version changed, seq taken, or created concurrently).</summary>
    Conflict,
    /// <summary>The shopper message's external id was stored meanwhile by a concurrent delivery.</summary>
    Duplicate,
}
