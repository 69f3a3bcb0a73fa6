namespace ConversationalCommerce.Data.Conversations;

/// <summary>A turn's write did not commit (the batch it was in failed); nothing of it is stored.</summary>
public sealed class TurnCommitException(Guid conversationId, Exception inner)
    : Exception($"The turn of conversation {conversationId} was not stored: its batch failed to commit.", inner)
{
    public Guid ConversationId { get; } = conversationId;
}
