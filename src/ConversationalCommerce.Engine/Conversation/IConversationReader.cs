using ConversationalCommerce.Domain.Conversations;

namespace ConversationalCommerce.Engine.Conversation;

/// <summary>Read side of a thread, for the widget hub, channels and the headless API.</summary>
public interface IConversationReader
{
    /// <summary>Messages after <paramref name="afterSeq"/>, oldest first, at most <paramref name="limit"/> (capped at 200).</summary>
    Task<IReadOnlyList<Message>> HistoryAsync(Guid shopId, Guid conversationId, long afterSeq, int limit, CancellationToken cancellationToken);
}
