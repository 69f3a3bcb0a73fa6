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

    /// <summary>Messages with Seq greater than <paramref name="afterSeq"/>, oldest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<Message>> MessagesAfterAsync(Guid shopId, Guid conversationId, long afterSeq, int limit, CancellationToken cancellationToken);
}

public sealed record ConversationSnapshot(Domain.Conversations.Conversation Conversation, IReadOnlyList<Message> History);

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
