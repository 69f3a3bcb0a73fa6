namespace ConversationalCommerce.Engine.Conversation;

/// <summary>A message named a conversation id that belongs to another shop. Nothing is stored or answered.</summary>
public sealed class ConversationAccessException(Guid conversationId)
    : Exception($"Conversation {conversationId} does not belong to this shop.")
{
    public Guid ConversationId { get; } = conversationId;
}

/// <summary>The thread kept changing under us (several nodes answering at once) beyond the retry budget.</summary>
public sealed class ConversationConflictException(Guid conversationId, int attempts)
    : Exception($"Conversation {conversationId} was changed concurrently {attempts} times; the turn was not stored.")
{
    public Guid ConversationId { get; } = conversationId;
}
